import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { systemClock, type Clock } from '../../lib/clock';
import { RateLimiter, type BucketSpec } from '../../lib/rate-limiter';
import { LOOKUP_EVENTS_PAGE_SIZE, MAX_LOOKUP_PAGES_PER_REGION } from './cloudtrail-limits';

export {
  LOOKUP_EVENTS_PAGE_SIZE,
  MAX_LOOKBACK_DAYS,
  MAX_LOOKUP_PAGES_PER_REGION,
} from './cloudtrail-limits';

/**
 * CloudTrail answers LookupEvents at 2 requests per second per account and region. A bucket of
 * one token refilled twice a second never puts more than two calls into any one second.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
export const LOOKUP_EVENTS_BUCKET: BucketSpec = { burst: 1, perSecond: 2 };

/** Paces LookupEvents calls per region, shared by every lookup of one run. */
export class CloudTrailPacer {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly sleep?: (ms: number) => Promise<void>,
  ) {}

  /** Waits until one more LookupEvents call in `region` stays within the API's rate. */
  take(region: string): Promise<void> {
    let limiter = this.limiters.get(region);
    if (!limiter) {
      const buckets = { 'cloudtrail:LookupEvents': LOOKUP_EVENTS_BUCKET };
      limiter = this.sleep
        ? new RateLimiter(buckets, this.clock, this.sleep)
        : new RateLimiter(buckets, this.clock);
      this.limiters.set(region, limiter);
    }
    return limiter.take('cloudtrail:LookupEvents');
  }
}

/** The parts of a CloudTrail record the responder reads; the rest is kept as is. */
export interface CloudTrailRecord {
  readonly eventTime?: string;
  readonly eventName?: string;
  readonly eventSource?: string;
  readonly awsRegion?: string;
  readonly errorCode?: string;
  readonly userIdentity?: {
    readonly type?: string;
    readonly principalId?: string;
    readonly arn?: string;
    readonly accountId?: string;
    readonly accessKeyId?: string;
    readonly userName?: string;
    readonly sessionContext?: {
      readonly sessionIssuer?: {
        readonly type?: string;
        readonly userName?: string;
        readonly arn?: string;
        readonly accountId?: string;
      };
    };
  };
  readonly requestParameters?: {
    readonly roleArn?: string;
    readonly roleSessionName?: string;
    readonly name?: string;
  } | null;
  readonly responseElements?: { readonly credentials?: { readonly accessKeyId?: string } } | null;
  readonly [field: string]: unknown;
}

/** The events one region holds for a key. */
export interface KeyEvents {
  readonly region: string;
  readonly events: readonly CloudTrailRecord[];
  readonly pages: number;
  /** True when the region holds more events than were read. */
  readonly truncated: boolean;
}

/** What to look up: the events a key signed since `startTime`. */
export interface KeyEventsQuery {
  readonly accessKeyId: string;
  readonly region: string;
  readonly startTime: Date;
  /** @default MAX_LOOKUP_PAGES_PER_REGION */
  readonly maxPages?: number;
}

/**
 * Reads the management events signed by `accessKeyId` in one region, newest first, paced at the
 * API's rate.
 *
 * @throws the SDK error of the first page that fails (the caller records it as failed evidence)
 */
export async function lookupKeyEvents(
  aws: AwsClients,
  pacer: CloudTrailPacer,
  query: KeyEventsQuery,
): Promise<KeyEvents> {
  return lookupEvents(aws, pacer, {
    ...query,
    attribute: { AttributeKey: 'AccessKeyId', AttributeValue: query.accessKeyId },
  });
}

/**
 * Reads the management events matching one lookup attribute (LookupEvents takes one per call) in
 * one region, newest first, paced at the API's rate; stops early once `until` holds for an event.
 */
async function lookupEvents(
  aws: AwsClients,
  pacer: CloudTrailPacer,
  query: {
    readonly region: string;
    readonly attribute: {
      readonly AttributeKey: 'AccessKeyId' | 'EventName';
      readonly AttributeValue: string;
    };
    readonly startTime: Date;
    readonly maxPages?: number;
    readonly until?: (event: CloudTrailRecord) => boolean;
  },
): Promise<KeyEvents> {
  const client = aws.get(CloudTrailClient, query.region);
  const maxPages = query.maxPages ?? MAX_LOOKUP_PAGES_PER_REGION;
  const events: CloudTrailRecord[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    await pacer.take(query.region);
    const page = await client.send(
      new LookupEventsCommand({
        LookupAttributes: [query.attribute],
        StartTime: query.startTime,
        MaxResults: LOOKUP_EVENTS_PAGE_SIZE,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    pages += 1;
    for (const event of page.Events ?? []) events.push(recordOf(event));
    nextToken = page.NextToken;
    if (query.until && events.some(query.until)) break;
  } while (nextToken && pages < maxPages);
  return { region: query.region, events, pages, truncated: Boolean(nextToken) };
}

/** STS issues GetSessionToken credentials for 36 hours at most, so the minting event is no older. */
export const MAX_SESSION_TOKEN_HOURS = 36;

/** The long-term key that minted a temporary key, as CloudTrail tells it. */
export type MintingKeyLookup =
  | {
      readonly found: true;
      /** The long-term key that signed the GetSessionToken (or GetFederationToken) call. */
      readonly accessKeyId: string;
      readonly eventTime: string;
      readonly region: string;
    }
  | { readonly found: false; readonly reason: string };

/**
 * Finds the long-term key that minted the temporary key `sessionKeyId`: the `eventName` event
 * (GetSessionToken or GetFederationToken) whose `responseElements.credentials.accessKeyId` is the
 * temporary key names the minting key in `userIdentity.accessKeyId`. Every region is searched at
 * once (STS logs a call in the region of the endpoint that answered it; the global endpoint's in
 * us-east-1), and each stops at the first match.
 *
 * moto has no LookupEvents; the tests answer with recorded events.
 */
export async function findMintingKey(
  aws: AwsClients,
  pacer: CloudTrailPacer,
  query: {
    readonly sessionKeyId: string;
    readonly eventName: 'GetSessionToken' | 'GetFederationToken';
    readonly regions: readonly string[];
    readonly startTime: Date;
    readonly maxPages?: number;
  },
): Promise<MintingKeyLookup> {
  const mints = (event: CloudTrailRecord) =>
    event.eventName === query.eventName &&
    !event.errorCode &&
    event.responseElements?.credentials?.accessKeyId === query.sessionKeyId &&
    Boolean(event.userIdentity?.accessKeyId);
  const lookups = await Promise.all(
    query.regions.map(async (region): Promise<RegionLookup> => {
      try {
        return {
          region,
          ok: true,
          result: await lookupEvents(aws, pacer, {
            region,
            attribute: { AttributeKey: 'EventName', AttributeValue: query.eventName },
            startTime: query.startTime,
            ...(query.maxPages ? { maxPages: query.maxPages } : {}),
            until: mints,
          }),
        };
      } catch (error) {
        const { name, message } = summarizeAwsError(error);
        return { region, ok: false, error: { name, message } };
      }
    }),
  );
  for (const lookup of lookups) {
    const event = lookup.ok ? lookup.result.events.find(mints) : undefined;
    if (event?.userIdentity?.accessKeyId)
      return {
        found: true,
        accessKeyId: event.userIdentity.accessKeyId,
        eventTime: event.eventTime ?? '',
        region: lookup.region,
      };
  }
  const failed = lookups.filter((lookup) => !lookup.ok);
  const truncated = lookups.filter((lookup) => lookup.ok && lookup.result.truncated);
  const gaps = [
    ...failed.map((lookup) => (lookup.ok ? '' : `${lookup.region}: ${lookup.error.name}`)),
    ...truncated.map((lookup) => `${lookup.region}: more events than were read`),
  ];
  return {
    found: false,
    reason:
      `CloudTrail shows no ${query.eventName} call that returned ${query.sessionKeyId} since ${query.startTime.toISOString()} in ${query.regions.join(', ')}` +
      (gaps.length > 0 ? ` (incomplete: ${gaps.join('; ')})` : ''),
  };
}

/** One region's lookup: the events, or why there are none. */
export type RegionLookup =
  | { readonly region: string; readonly ok: true; readonly result: KeyEvents }
  | {
      readonly region: string;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string };
    };

/** Looks the key up in every region at once (each region has its own rate); never throws. */
export async function lookupKeyEventsEverywhere(
  aws: AwsClients,
  pacer: CloudTrailPacer,
  query: Omit<KeyEventsQuery, 'region'> & { readonly regions: readonly string[] },
): Promise<RegionLookup[]> {
  return Promise.all(
    query.regions.map(async (region): Promise<RegionLookup> => {
      try {
        return {
          region,
          ok: true,
          result: await lookupKeyEvents(aws, pacer, { ...query, region }),
        };
      } catch (error) {
        const { name, message } = summarizeAwsError(error);
        return { region, ok: false, error: { name, message } };
      }
    }),
  );
}

/** A session minted by the key: an AssumeRole, GetSessionToken or GetFederationToken it signed. */
export interface MintedSession {
  readonly eventName: string;
  readonly eventTime: string;
  readonly region: string;
  /** The role assumed, for AssumeRole. */
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  /** The `ASIA…` key of the new session: follow it to see what the session did. */
  readonly sessionKeyId?: string;
}

const MINTING_EVENTS: ReadonlySet<string> = new Set([
  'AssumeRole',
  'GetSessionToken',
  'GetFederationToken',
]);

/** The sessions `accessKeyId` minted successfully, oldest first. */
export function sessionsMintedBy(
  accessKeyId: string,
  events: readonly CloudTrailRecord[],
): MintedSession[] {
  return events
    .filter(
      (event) =>
        MINTING_EVENTS.has(event.eventName ?? '') &&
        !event.errorCode &&
        event.userIdentity?.accessKeyId === accessKeyId,
    )
    .map((event) => ({
      eventName: event.eventName as string,
      eventTime: event.eventTime ?? '',
      region: event.awsRegion ?? '',
      ...(event.requestParameters?.roleArn ? { roleArn: event.requestParameters.roleArn } : {}),
      ...(event.requestParameters?.roleSessionName
        ? { roleSessionName: event.requestParameters.roleSessionName }
        : {}),
      ...(event.responseElements?.credentials?.accessKeyId
        ? { sessionKeyId: event.responseElements.credentials.accessKeyId }
        : {}),
    }))
    .sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}

/** Who a temporary key belongs to, as CloudTrail names the signer of its events. */
export type TrailPrincipal =
  | {
      readonly type: 'role';
      readonly roleName: string;
      readonly roleArn: string;
      readonly account?: string;
      /** `<role id>:<session name>`: the session's `aws:userid`. */
      readonly principalId?: string;
    }
  | {
      readonly type: 'user';
      readonly userName: string;
      readonly via: 'GetSessionToken' | 'GetFederationToken';
    }
  | { readonly type: 'root' }
  | { readonly type: 'other'; readonly identityType: string };

/**
 * The principal whose session `accessKeyId` is, from the `userIdentity` of the events it signed:
 * an assumed role names its issuing role, a federated user its issuing IAM user, an IAM user with
 * an `ASIA` key is a GetSessionToken session.
 */
export function principalOfSession(
  accessKeyId: string,
  events: readonly CloudTrailRecord[],
): TrailPrincipal | undefined {
  const identity = events.find(
    (event) => event.userIdentity?.accessKeyId === accessKeyId,
  )?.userIdentity;
  if (!identity) return undefined;
  const issuer = identity.sessionContext?.sessionIssuer;
  switch (identity.type) {
    case 'AssumedRole':
      return issuer?.userName && issuer.arn
        ? {
            type: 'role',
            roleName: issuer.userName,
            roleArn: issuer.arn,
            ...(issuer.accountId ? { account: issuer.accountId } : {}),
            ...(identity.principalId ? { principalId: identity.principalId } : {}),
          }
        : { type: 'other', identityType: 'AssumedRole' };
    case 'FederatedUser':
      return issuer?.userName
        ? { type: 'user', userName: issuer.userName, via: 'GetFederationToken' }
        : { type: 'other', identityType: 'FederatedUser' };
    case 'IAMUser':
      return identity.userName
        ? { type: 'user', userName: identity.userName, via: 'GetSessionToken' }
        : { type: 'other', identityType: 'IAMUser' };
    case 'Root':
      return { type: 'root' };
    default:
      return { type: 'other', identityType: identity.type ?? 'unknown' };
  }
}

/** The earliest event time of a set of events, or undefined when there are none. */
export function earliestEventTime(events: readonly CloudTrailRecord[]): string | undefined {
  return events
    .map((event) => event.eventTime ?? '')
    .filter(Boolean)
    .sort()[0];
}

function recordOf(event: {
  CloudTrailEvent?: string;
  EventName?: string;
  EventTime?: Date;
  EventSource?: string;
  EventId?: string;
}): CloudTrailRecord {
  if (event.CloudTrailEvent) {
    try {
      return JSON.parse(event.CloudTrailEvent) as CloudTrailRecord;
    } catch {
      // Fall through to the summary fields LookupEvents gives beside the raw record.
    }
  }
  return {
    ...(event.EventId ? { eventID: event.EventId } : {}),
    ...(event.EventName ? { eventName: event.EventName } : {}),
    ...(event.EventSource ? { eventSource: event.EventSource } : {}),
    ...(event.EventTime
      ? { eventTime: event.EventTime.toISOString().replace(/\.\d{3}Z$/, 'Z') }
      : {}),
  };
}
