import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import type { Fetched } from '../model/inventory';
import type { ServiceLastAccessed, ServiceLastAccessedReport } from '../model/iam';
import {
  SliceUnavailable,
  fetchDetail,
  type CollectContext,
  type GlobalCollector,
} from './collector';

/** Errors of one job that every other principal's job would meet too. */
const REFUSES_EVERY_PRINCIPAL: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedResponse',
  'UnknownError',
]);

/** How long one principal's access-advisor job may take before it counts as failed. */
export const ACCESS_ADVISOR_TIMEOUT_MS = 120_000;

/**
 * IAM access advisor for every user and role: one GenerateServiceLastAccessedDetails job per
 * principal, polled with back-off until COMPLETED, read page by page (AWS returns at most 1000
 * services a page; tools that ignore `IsTruncated` lose services). moto has no access advisor:
 * the calls fail there and the slice is an ERROR; unit tests use aws-sdk-client-mock.
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
      await fetchDetail('iam:GenerateServiceLastAccessedDetails', ctx.globalRegion, () =>
        lastAccessed(ctx, arn),
      ),
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

async function lastAccessed(ctx: CollectContext, arn: string): Promise<ServiceLastAccessed[]> {
  const iam = ctx.aws.get(IAMClient, ctx.globalRegion);
  const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn }));
  const deadline = Date.now() + ACCESS_ADVISOR_TIMEOUT_MS;
  const services: ServiceLastAccessed[] = [];
  let marker: string | undefined;
  for (let wait = 250; ;) {
    const page = await iam.send(
      new GetServiceLastAccessedDetailsCommand({ JobId, ...(marker ? { Marker: marker } : {}) }),
    );
    if (page.JobStatus === 'FAILED')
      throw new Error(
        `access advisor job failed for ${arn}: ${page.Error?.Message ?? 'no reason given'}`,
      );
    if (page.JobStatus !== 'COMPLETED') {
      if (Date.now() > deadline)
        throw new Error(
          `access advisor job for ${arn} did not complete within ${ACCESS_ADVISOR_TIMEOUT_MS / 1000} s`,
        );
      await sleep(wait);
      wait = Math.min(wait * 2, 5000);
      continue;
    }
    for (const service of page.ServicesLastAccessed ?? []) {
      services.push({
        namespace: service.ServiceNamespace ?? '',
        name: service.ServiceName ?? '',
        lastAuthenticated: service.LastAuthenticated?.toISOString() ?? null,
      });
    }
    if (!page.IsTruncated) return services;
    marker = page.Marker;
  }
}
