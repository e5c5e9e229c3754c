import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  AwsClients,
  globalRegionOf,
  partitionOfRegion,
  type AwsClientsOptions,
} from '../../lib/aws/clients';
import { describeAwsError, isAccessDenied } from '../../lib/aws/errors';
import { mapWithLimit } from '../../lib/concurrency';
import type { Clock } from '../../lib/clock';
import type { Check } from '../model/check';
import type { Inventory } from '../model/inventory';
import type { ScanReport } from '../report/report';
import { collectForChecks } from '../scan';
import { listOrganizationAccounts, type MemberAccount } from './accounts';
import { assumedRoleCredentials } from './assume-role';
import { selectAccounts, type AccountSelection } from './select';
import { summarizeOrganization, type AccountOutcome, type OrganizationSummary } from './summary';

/** Accounts scanned at once unless told otherwise: with the default 10 requests each, 40 in flight. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 4;

/** How to scan every account of an organization. */
export interface OrganizationScanOptions {
  /** Clients of the signed-in principal: the management account or a delegated administrator. */
  readonly caller: AwsClients;
  /** How the signed-in principal's clients are configured (profile, endpoints), for its own account. */
  readonly callerClientOptions: AwsClientsOptions;
  readonly homeRegion: string;
  /** Role assumed in each member account, by name; see `DEFAULT_ORGANIZATION_ROLE`. */
  readonly roleName: string;
  readonly externalId?: string;
  readonly selection: AccountSelection;
  /** Accounts scanned at once. */
  readonly accountConcurrency: number;
  /** Requests in flight at once within each account. */
  readonly requestConcurrency: number;
  readonly checks: readonly Check[];
  readonly regions?: readonly string[];
  readonly excludedRegions?: readonly string[];
  /** The scan settings' `createdSince`, from which CloudTrail creation events are read. */
  readonly createdSince?: string;
  readonly clock: Clock;
  /** Judges one account's inventory into its report (checks, mutelist, frameworks). */
  readonly judge: (inventory: Inventory) => ScanReport;
  /** Files one account's report (and the inventory it judged); returns the files written. */
  readonly file: (report: ScanReport, inventory: Inventory) => Promise<readonly string[]>;
  /** Told as each account finishes, e.g. for progress. */
  readonly onAccount?: (outcome: AccountOutcome) => void;
  /** @default `new AwsClients(options)` */
  readonly createClients?: (options: AwsClientsOptions) => AwsClients;
}

/**
 * Scans the organization's active accounts, at most `accountConcurrency` at once: each member
 * through the role `roleName` (session `pyjamas-scan`), the signed-in account with its own
 * credentials, since AWS does not create the organization role in the management account. An
 * account that cannot be entered or scanned is recorded with the reason; the others go on.
 *
 * @throws UsageError when the caller is in no organization or the selection names no member
 */
export async function scanOrganization(
  options: OrganizationScanOptions,
): Promise<OrganizationSummary> {
  const startedAt = options.clock.now().toISOString();
  const sts = options.caller.get(STSClient, options.homeRegion);
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const callerAccount = identity.Account ?? '';
  const partition = identity.Arn?.split(':')[1] ?? partitionOfRegion(options.homeRegion);
  const listing = await listOrganizationAccounts(options.caller, globalRegionOf(partition));
  const { toScan, inactive } = selectAccounts(listing.accounts, options.selection);
  const create = options.createClients ?? ((config: AwsClientsOptions) => new AwsClients(config));

  const scanOne = async (account: MemberAccount): Promise<AccountOutcome> => {
    const own = account.id === callerAccount;
    const credentials = own
      ? undefined
      : assumedRoleCredentials({
          sts,
          roleArn: `arn:${partition}:iam::${account.id}:role/${options.roleName}`,
          ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
          clock: options.clock,
        });
    if (credentials) {
      try {
        await credentials();
      } catch (error) {
        return { account, status: 'not-entered', reason: assumeRoleFailure(error, options) };
      }
    }
    const aws = create({
      ...options.callerClientOptions,
      ...(credentials ? { credentials } : {}),
      maxConcurrentRequests: options.requestConcurrency,
    });
    try {
      const inventory = await collectForChecks({
        aws,
        checks: options.checks,
        homeRegion: options.homeRegion,
        clock: options.clock,
        ...(options.createdSince ? { createdSince: options.createdSince } : {}),
        ...(options.regions ? { regions: options.regions } : {}),
        ...(options.excludedRegions ? { excludedRegions: options.excludedRegions } : {}),
      });
      const report = options.judge(inventory);
      const files = await options.file(report, inventory);
      return {
        account,
        status: 'scanned',
        enteredAs: own ? 'caller' : 'assumed-role',
        regions: report.regions,
        summary: report.summary,
        files,
      };
    } catch (error) {
      return { account, status: 'failed', reason: describeAwsError(error) };
    } finally {
      aws.destroy();
    }
  };

  const scanned = await mapWithLimit(toScan, options.accountConcurrency, async (account) => {
    const outcome = await scanOne(account);
    options.onAccount?.(outcome);
    return outcome;
  });
  const skipped: AccountOutcome[] = inactive.map((account) => ({
    account,
    status: 'inactive',
    reason: `the account is ${account.status}, so no role can be assumed in it`,
  }));
  return summarizeOrganization(
    {
      organizationId: listing.organizationId,
      managementAccount: listing.managementAccount,
      callerAccount,
      roleName: options.roleName,
      startedAt,
      finishedAt: options.clock.now().toISOString(),
    },
    [...scanned, ...skipped],
  );
}

/**
 * Why AssumeRole failed, with what to check. AWS answers AccessDenied alike for a role that does
 * not exist, a trust policy that does not name the caller, a wrong or missing external id and an
 * SCP that denies sts:AssumeRole, so the hint names all four.
 */
function assumeRoleFailure(
  error: unknown,
  options: Pick<OrganizationScanOptions, 'roleName' | 'externalId'>,
): string {
  const detail = describeAwsError(error);
  if (!isAccessDenied(error)) return detail;
  return `${detail}; check that role ${options.roleName} exists in the account and that its trust policy allows the caller${options.externalId !== undefined ? ' with this external id' : ' (and whether it requires --external-id)'}, and that no SCP denies sts:AssumeRole`;
}
