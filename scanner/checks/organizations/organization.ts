import type { CheckContext } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { Organization, OrganizationGovernance } from '../../model/organizations';
import { GLOBAL_REGION, manual, notApplicable } from '../results';

/** The organization as the resource of a finding. */
export function organizationResource(org: Organization): ResourceRef {
  return { region: GLOBAL_REGION, type: 'AwsOrganizationsOrganization', id: org.id, arn: org.arn };
}

/**
 * Runs `judge` with the governance data only the management account can read: outside an
 * organization the control does not apply; from a member account a person must check it in the
 * management account.
 */
export function judgeFromManagementAccount(
  organization: Organization | null,
  governance: OrganizationGovernance | null,
  ctx: CheckContext,
  judge: (
    org: Organization,
    governance: OrganizationGovernance,
    resource: ResourceRef,
  ) => CheckResult,
): CheckResult[] {
  if (!organization)
    return [
      notApplicable(
        {
          region: GLOBAL_REGION,
          type: 'AwsAccount',
          id: ctx.account,
          arn: `arn:${ctx.partition}:organizations::${ctx.account}:account`,
        },
        `Account ${ctx.account} is not a member of an AWS Organization.`,
      ),
    ];
  const resource = organizationResource(organization);
  if (!governance)
    return [
      manual(
        resource,
        `Account ${ctx.account} is a member of organization ${organization.id}; scan the management account ${organization.managementAccountId} to judge this control.`,
      ),
    ];
  return [judge(organization, governance, resource)];
}
