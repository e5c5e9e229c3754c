import {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName } from '../../lib/aws/errors';
import { UsageError } from '../../lib/errors';

/** One account of the organization, as ListAccounts describes it. */
export interface MemberAccount {
  readonly id: string;
  readonly name: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, …; only active accounts can be entered and scanned. */
  readonly status: string;
}

/** The organization and every account in it. */
export interface OrganizationListing {
  readonly organizationId: string;
  readonly managementAccount: string;
  readonly accounts: readonly MemberAccount[];
}

/**
 * Lists the organization's accounts, every page of ListAccounts. Only the management account or
 * a delegated administrator may call it; Organizations is served from one region per partition
 * (us-east-1 for `aws`), which `globalRegion` names.
 *
 * @throws UsageError when the caller's account belongs to no organization
 */
export async function listOrganizationAccounts(
  aws: AwsClients,
  globalRegion: string,
): Promise<OrganizationListing> {
  const client = aws.get(OrganizationsClient, globalRegion);
  let organizationId = '';
  let managementAccount = '';
  try {
    const { Organization } = await client.send(new DescribeOrganizationCommand({}));
    organizationId = Organization?.Id ?? '';
    managementAccount = Organization?.MasterAccountId ?? '';
  } catch (error) {
    if (hasAwsErrorName(error, ['AWSOrganizationsNotInUseException'])) {
      throw new UsageError(
        '--org scans an organization, but the signed-in account belongs to none; sign in to its management account or a delegated administrator, or scan without --org',
        { cause: error },
      );
    }
    throw error;
  }
  const accounts: MemberAccount[] = [];
  // ListAccounts returns at most 20 accounts a page (AWS's maximum for MaxResults); moto pages too.
  for await (const page of paginateListAccounts({ client }, { MaxResults: 20 })) {
    for (const account of page.Accounts ?? []) {
      if (!account.Id) continue;
      accounts.push({
        id: account.Id,
        name: account.Name ?? '',
        // AWS retired `Status` for `State` on 9 September 2026; moto 5.2.1 still sends `Status` alone.
        status: account.State ?? account.Status ?? 'UNKNOWN',
      });
    }
  }
  return { organizationId, managementAccount, accounts };
}
