import type { AwsClients } from '../../lib/aws/clients';
import {
  ACCESS_ADVISOR_TIMEOUT_MS,
  principalLastAccessed,
  type AccessAdvisorPoll,
} from '../../scanner/collect/access-advisor';
import { UNUSED_SERVICE_DAYS } from '../../scanner/checks/iam/iam_principal_services_used_90_days';
import type { ServiceLastAccessed } from '../../scanner/model/iam';
import { DEFAULT_ROUND_TRIP_MS } from '../core/execute';
import { SETTLE_RESERVE_MS } from '../core/verify-settle';

/**
 * Time the access-advisor poll leaves to the run: the record's filing, and the read that ends
 * the last wait.
 */
export const ACCESS_ADVISOR_RESERVE_MS = SETTLE_RESERVE_MS + DEFAULT_ROUND_TRIP_MS;

const DAY_MS = 86_400_000;

/** What access advisor says the key's owner used, as filed in blast-radius.json. */
export type AccessAdvisorSection =
  | {
      readonly status: 'collected';
      /** Every service the owner's policies grant, with its last authenticated use. */
      readonly services: readonly ServiceLastAccessed[];
      /** Granted services with no authenticated use in access advisor's tracking period. */
      readonly neverUsed: readonly string[];
      /** Granted services last used {@link UNUSED_SERVICE_DAYS} days or more before the run. */
      readonly notUsedFor90Days: readonly string[];
    }
  | { readonly status: 'unavailable'; readonly reason: string };

/** How the section is read. */
export interface AccessAdvisorOptions {
  /** The run's "now", from which a service's idle days are counted. */
  readonly now: Date;
  /**
   * Time left to the run (a Lambda invocation's): the poll ends with
   * {@link ACCESS_ADVISOR_RESERVE_MS} to spare, and is not started without that.
   *
   * @default - only ACCESS_ADVISOR_TIMEOUT_MS
   */
  readonly remainingMs?: () => number;
  /** @default - the poll's own timer and clock */
  readonly poll?: Pick<AccessAdvisorPoll, 'sleep' | 'now'>;
}

/**
 * The owner's access-advisor report (iam:GenerateServiceLastAccessedDetails, then
 * iam:GetServiceLastAccessedDetails until the job completes). Evidence, read after containment:
 * a denial, an endpoint without the API (moto has none), a failed job or a poll that runs out of
 * time is recorded as unavailable, in words, and never fails the run.
 */
export async function accessAdvisorSection(
  aws: AwsClients,
  region: string,
  principalArn: string,
  options: AccessAdvisorOptions,
): Promise<AccessAdvisorSection> {
  const left = options.remainingMs?.();
  const timeoutMs = Math.min(
    ACCESS_ADVISOR_TIMEOUT_MS,
    left === undefined ? Infinity : left - ACCESS_ADVISOR_RESERVE_MS,
  );
  if (timeoutMs <= 0)
    return {
      status: 'unavailable',
      reason: `not read: ${Math.max(0, Math.floor((left ?? 0) / 1000))} s were left to the run, which must keep ${ACCESS_ADVISOR_RESERVE_MS / 1000} s to file its record`,
    };
  const report = await principalLastAccessed(aws, region, principalArn, {
    ...options.poll,
    timeoutMs,
  });
  if (!report.ok) {
    const { api, name, message } = report.error;
    return { status: 'unavailable', reason: `${api} failed (${name}: ${message})` };
  }
  const idleSince = options.now.getTime() - UNUSED_SERVICE_DAYS * DAY_MS;
  return {
    status: 'collected',
    services: report.data,
    neverUsed: report.data
      .filter((service) => service.lastAuthenticated === null)
      .map((service) => service.namespace),
    notUsedFor90Days: report.data
      .filter(
        (service) =>
          service.lastAuthenticated !== null && Date.parse(service.lastAuthenticated) <= idleSince,
      )
      .map((service) => service.namespace),
  };
}

/** Services named in the operator's line; the rest are counted. */
const MAX_SERVICES_NAMED = 10;

function named(namespaces: readonly string[]): string {
  const more = namespaces.length - MAX_SERVICES_NAMED;
  return `${namespaces.slice(0, MAX_SERVICES_NAMED).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * One line for the operator: the granted services the owner did not use, or why access advisor
 * could not be read.
 */
export function describeAccessAdvisor(section: AccessAdvisorSection): string {
  if (section.status !== 'collected') return `Access advisor: unavailable (${section.reason}).`;
  const total = section.services.length;
  const unused = section.neverUsed.length + section.notUsedFor90Days.length;
  if (unused === 0)
    return `Access advisor: the key's owner used each of its ${total} granted services within ${UNUSED_SERVICE_DAYS} days.`;
  const parts = [
    ...(section.neverUsed.length > 0 ? [`never used: ${named(section.neverUsed)}`] : []),
    ...(section.notUsedFor90Days.length > 0
      ? [`idle ${UNUSED_SERVICE_DAYS}+ days: ${named(section.notUsedFor90Days)}`]
      : []),
  ];
  return `Access advisor: ${unused} of the ${total} services granted to the key's owner unused for ${UNUSED_SERVICE_DAYS} days or more (${parts.join('; ')}).`;
}
