import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import type { Fetched } from '../model/inventory';
import type { ServiceLastAccessed, ServiceLastAccessedReport } from '../model/iam';
import type { AwsClients } from '../../lib/aws/clients';
import { SliceUnavailable, toCollectError, type GlobalCollector } from './collector';

/** Errors of one job that every other principal's job would meet too. */
const REFUSES_EVERY_PRINCIPAL: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedResponse',
  'UnknownError',
]);

/** How long one principal's access-advisor job may take before it counts as failed. */
export const ACCESS_ADVISOR_TIMEOUT_MS = 120_000;

/** The error name of a job that did not complete in its time. */
export const ACCESS_ADVISOR_TIMEOUT = 'AccessAdvisorTimeout';

/** The error name of a job that AWS reports FAILED. */
export const ACCESS_ADVISOR_JOB_FAILED = 'AccessAdvisorJobFailed';

/** How one principal's job is waited for. */
export interface AccessAdvisorPoll {
  /**
   * Time the job may take, from its generation: no wait between reads starts that would end
   * after it.
   *
   * @default ACCESS_ADVISOR_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /** @default node's timer: tests pass one that does not wait */
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** Milliseconds of a monotonic-enough clock. @default Date.now */
  readonly now?: () => number;
}

/**
 * IAM access advisor for every user and role: one {@link principalLastAccessed} job per
 * principal. moto has no access advisor: the calls fail there and the slice is an ERROR; unit
 * tests use aws-sdk-client-mock.
 */
export const serviceLastAccessed: GlobalCollector<'serviceLastAccessed'> = {
  scope: 'global',
  apis: ['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails'],
  async collect(ctx) {
    const details = await ctx.global('authorizationDetails');
    const arns = [...details.users, ...details.roles].map((principal) => principal.arn);
    const read = async (
      arn: string,
    ): Promise<[string, Fetched<readonly ServiceLastAccessed[]>]> => [
      arn,
      await principalLastAccessed(ctx.aws, ctx.globalRegion, arn),
    ];
    // One job first: a denial (no iam:GenerateServiceLastAccessedDetails in the scanner's
    // policy, an SCP) or an endpoint without the API refuses every principal alike, and a
    // thousand principals would be a thousand refused calls.
    const [firstArn, ...rest] = arns;
    if (firstArn === undefined) return {};
    const probe = await read(firstArn);
    if (!probe[1].ok && REFUSES_EVERY_PRINCIPAL.has(probe[1].error.name)) {
      throw new SliceUnavailable(probe[1].error);
    }
    const entries = [probe, ...(await Promise.all(rest.map(read)))];
    // Denied or unsupported everywhere: the whole slice is an ERROR, not a page of failures.
    const first = entries[0]?.[1];
    if (first && !first.ok && entries.every(([, entry]) => !entry.ok))
      throw new SliceUnavailable(first.error);
    return Object.fromEntries(entries) satisfies ServiceLastAccessedReport;
  },
};

/**
 * One principal's access-advisor report: GenerateServiceLastAccessedDetails, then
 * GetServiceLastAccessedDetails polled with back-off until COMPLETED and read page by page (AWS
 * returns at most 1000 services a page; tools that ignore `IsTruncated` lose services).
 * Never throws: a denial, an endpoint without the API (moto answers an HTML page), a FAILED job
 * ({@link ACCESS_ADVISOR_JOB_FAILED}) or a job that outlives its time
 * ({@link ACCESS_ADVISOR_TIMEOUT}) is the error of the result.
 */
export async function principalLastAccessed(
  aws: AwsClients,
  region: string,
  arn: string,
  poll: AccessAdvisorPoll = {},
): Promise<Fetched<readonly ServiceLastAccessed[]>> {
  try {
    return { ok: true, data: await lastAccessed(aws.get(IAMClient, region), arn, poll) };
  } catch (error) {
    // An SDK error names its own call; the job's own failures are the poll's.
    const api =
      error instanceof AccessAdvisorJobError
        ? 'iam:GetServiceLastAccessedDetails'
        : 'iam:GenerateServiceLastAccessedDetails';
    return { ok: false, error: toCollectError(error, api, region) };
  }
}

/** A failure of the job itself, rather than of a call. */
class AccessAdvisorJobError extends Error {
  constructor(
    override readonly name: typeof ACCESS_ADVISOR_TIMEOUT | typeof ACCESS_ADVISOR_JOB_FAILED,
    message: string,
  ) {
    super(message);
  }
}

async function lastAccessed(
  iam: IAMClient,
  arn: string,
  poll: AccessAdvisorPoll,
): Promise<ServiceLastAccessed[]> {
  const now = poll.now ?? Date.now;
  const pause = poll.sleep ?? sleep;
  const timeoutMs = poll.timeoutMs ?? ACCESS_ADVISOR_TIMEOUT_MS;
  const deadline = now() + timeoutMs;
  const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn }));
  const services: ServiceLastAccessed[] = [];
  let marker: string | undefined;
  for (let wait = 250; ;) {
    const page = await iam.send(
      new GetServiceLastAccessedDetailsCommand({ JobId, ...(marker ? { Marker: marker } : {}) }),
    );
    if (page.JobStatus === 'FAILED')
      throw new AccessAdvisorJobError(
        ACCESS_ADVISOR_JOB_FAILED,
        `the access advisor job for ${arn} failed: ${page.Error?.Message ?? 'no reason given'}`,
      );
    if (page.JobStatus !== 'COMPLETED') {
      if (now() + wait > deadline)
        throw new AccessAdvisorJobError(
          ACCESS_ADVISOR_TIMEOUT,
          `the access advisor job for ${arn} did not complete within ${Math.round(timeoutMs / 1000)} s`,
        );
      await pause(wait);
      wait = Math.min(wait * 2, 5000);
      continue;
    }
    for (const service of page.ServicesLastAccessed ?? []) {
      services.push({
        namespace: service.ServiceNamespace ?? '',
        name: service.ServiceName ?? '',
        lastAuthenticated: service.LastAuthenticated?.toISOString() ?? null,
        ...(service.LastAuthenticatedEntity
          ? { lastAuthenticatedEntity: service.LastAuthenticatedEntity }
          : {}),
        ...(service.LastAuthenticatedRegion
          ? { lastAuthenticatedRegion: service.LastAuthenticatedRegion }
          : {}),
      });
    }
    if (!page.IsTruncated) return services;
    marker = page.Marker;
  }
}
