import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { RateLimiter } from '../../lib/rate-limiter';
import { parseTrailRecord, type TrailRecord } from './trail-record';
import type {
  CreatedResource,
  CreationEvent,
  CreationEventWindow,
  CreationEvents,
  EventCreator,
} from '../model/creation-events';
import {
  fetchDetail,
  type CollectContext,
  type GlobalCollector,
  type RegionalCollector,
} from './collector';

/**
 * Pages read per event name and region. LookupEvents answers at most 50 events a page and two
 * requests per second per account and region, so 20 pages (1,000 events) take ten seconds; an
 * event name with more since `createdSince` is reported as not read in full.
 */
export const MAX_LOOKUP_PAGES = 20;

/** IAM's creation events: IAM is global, and CloudTrail records its events in us-east-1. */
const IDENTITY_EVENTS = ['CreateUser', 'CreateRole', 'CreateAccessKey'] as const;

/**
 * CreateUser, CreateRole and CreateAccessKey events since `createdSince`, read in the global
 * region (us-east-1 in the commercial partition), where CloudTrail records IAM's events.
 */
export const identityCreationEvents: GlobalCollector<'identityCreationEvents'> = {
  scope: 'global',
  apis: ['cloudtrail:LookupEvents'],
  collect: (ctx) => lookUpCreations(ctx, ctx.globalRegion, IDENTITY_EVENTS),
};

/** RunInstances events since `createdSince`: EC2 records them in the instance's region. */
export const instanceLaunchEvents: RegionalCollector<'instanceLaunchEvents'> = {
  scope: 'regional',
  apis: ['cloudtrail:LookupEvents'],
  collect: (ctx, region) => lookUpCreations(ctx, region, ['RunInstances']),
};

/** Both creation-event collectors, for the registry. */
export const CREATION_EVENT_COLLECTORS = { identityCreationEvents, instanceLaunchEvents } as const;

/**
 * Looks up management events by name (LookupEvents takes one lookup attribute per request),
 * from `createdSince`, newest first. A refused or failed lookup is kept as the slice's answer,
 * so the check can say that CloudTrail could not be read instead of passing.
 *
 * moto 5.2.1 does not implement LookupEvents: it answers HTTP 500, and the lookup is recorded
 * as failed. The 2-per-second rate and the 90-day reach are AWS's alone.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
async function lookUpCreations(
  ctx: CollectContext,
  region: string,
  eventNames: readonly string[],
): Promise<CreationEvents> {
  const since = ctx.createdSince ?? null;
  if (since === null) return { since, lookup: { ok: true, data: { events: [], truncated: [] } } };
  // One limiter per region, shared by the IAM and EC2 lookups of the global region.
  const limiter = await ctx.once(`cloudtrail-lookup-limiter:${region}`, () =>
    Promise.resolve(new RateLimiter({ lookup: { burst: 2, perSecond: 2 } })),
  );
  const client = ctx.aws.get(CloudTrailClient, region);
  const lookup = await fetchDetail(
    'cloudtrail:LookupEvents',
    region,
    async (): Promise<CreationEventWindow> => {
      const events: CreationEvent[] = [];
      const truncated: string[] = [];
      for (const eventName of eventNames) {
        let nextToken: string | undefined;
        let pages = 0;
        do {
          if (pages === MAX_LOOKUP_PAGES) {
            truncated.push(eventName);
            break;
          }
          await limiter.take('lookup');
          const page = await client.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }],
              StartTime: new Date(since),
              MaxResults: 50,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
          );
          pages += 1;
          for (const event of page.Events ?? []) {
            const parsed = creationEventOf(event, ctx, region);
            if (parsed) events.push(parsed);
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }
      return { events, truncated };
    },
  );
  return { since, lookup };
}

/**
 * The event as what it created and who created it; undefined for a call that failed (CloudTrail
 * records those with an `errorCode` and no response), which created nothing.
 */
export function creationEventOf(
  event: Event,
  ctx: Pick<CollectContext, 'account' | 'partition'>,
  region: string,
): CreationEvent | undefined {
  const record = parseTrailRecord(event.CloudTrailEvent);
  if (record.errorCode) return undefined;
  const eventName = event.EventName ?? record.eventName ?? '';
  const resources = createdBy(eventName, record, ctx, region);
  if (resources.length === 0) return undefined;
  const identity = record.userIdentity ?? {};
  const creator: EventCreator = {
    identityType: identity.type ?? 'unknown',
    arn: identity.arn ?? null,
    sessionIssuer: identity.sessionContext?.sessionIssuer?.arn ?? null,
    invokedBy: identity.invokedBy ?? null,
  };
  return {
    eventId: event.EventId ?? record.eventID ?? '',
    eventName,
    eventTime: event.EventTime?.toISOString() ?? record.eventTime ?? '',
    sourceIp: record.sourceIPAddress ?? null,
    accessKeyId: event.AccessKeyId ?? identity.accessKeyId ?? null,
    creator,
    resources,
  };
}

function createdBy(
  eventName: string,
  record: TrailRecord,
  ctx: Pick<CollectContext, 'account' | 'partition'>,
  region: string,
): CreatedResource[] {
  const response = record.responseElements ?? {};
  const iamArn = (kind: string, name: string) =>
    `arn:${ctx.partition}:iam::${ctx.account}:${kind}/${name}`;
  switch (eventName) {
    case 'RunInstances': {
      const items = field(field(response, 'instancesSet'), 'items');
      return (Array.isArray(items) ? items : []).flatMap((item: unknown) => {
        const id = text(field(item, 'instanceId'));
        return id
          ? [
              {
                type: 'AwsEc2Instance',
                id,
                arn: `arn:${ctx.partition}:ec2:${region}:${ctx.account}:instance/${id}`,
              },
            ]
          : [];
      });
    }
    case 'CreateUser': {
      const user = field(response, 'user');
      const name = text(field(user, 'userName'));
      return name
        ? [{ type: 'AwsIamUser', id: name, arn: text(field(user, 'arn')) ?? iamArn('user', name) }]
        : [];
    }
    case 'CreateRole': {
      const role = field(response, 'role');
      const name = text(field(role, 'roleName'));
      return name
        ? [{ type: 'AwsIamRole', id: name, arn: text(field(role, 'arn')) ?? iamArn('role', name) }]
        : [];
    }
    case 'CreateAccessKey': {
      const key = field(response, 'accessKey');
      const id = text(field(key, 'accessKeyId'));
      const user = text(field(key, 'userName')) ?? text(record.requestParameters?.['userName']);
      return id
        ? [
            {
              type: 'AwsIamAccessKey',
              id,
              arn: `${iamArn('user', user ?? 'unknown')}/access-key/${id}`,
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
