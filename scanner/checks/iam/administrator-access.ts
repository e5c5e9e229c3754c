import type { CheckContext } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { AuthorizationDetails, ManagedPolicy } from '../../model/iam';
import type { PolicyDocument, PolicyStatement } from '../../model/policy';
import { values } from '../policy-values';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';

/** Whether a full-administrator grant applies always, or once its conditions are met. */
export type AdminGrant = 'unconditional' | 'conditional';

/** What CIS calls full administrative privileges, as it appears in a finding. */
export const FULL_ADMIN = 'full administrator access (Allow * on *)';

const ALL_ACTIONS: readonly string[] = ['*', '*:*'];

/**
 * True when a statement allows every action on every resource. NotAction and NotResource
 * statements are excluded: they grant "all but something", which CIS does not count as *:*.
 */
function grantsEverything(statement: PolicyStatement): boolean {
  return (
    statement.Effect === 'Allow' &&
    statement.NotAction === undefined &&
    statement.NotResource === undefined &&
    values(statement.Action).some((action) => ALL_ACTIONS.includes(action)) &&
    values(statement.Resource).includes('*')
  );
}

/**
 * How a policy document grants full administrator access, or null when it does not. Conditions
 * do not exempt a statement: an MFA or source-IP condition is met by whoever holds the
 * credentials in the expected way, and then grants everything.
 */
export function fullAdminGrant(document: PolicyDocument): AdminGrant | null {
  const grants = document.Statement.filter(grantsEverything);
  if (grants.length === 0) return null;
  return grants.some((statement) => Object.keys(statement.Condition ?? {}).length === 0)
    ? 'unconditional'
    : 'conditional';
}

/** Users, groups and roles that have `policy` attached, as `user alice`, `role ops`. */
function holdersOf(policy: ManagedPolicy, details: AuthorizationDetails): string[] {
  const holds = (principal: { readonly attachedPolicies: readonly { readonly arn: string }[] }) =>
    principal.attachedPolicies.some((attached) => attached.arn === policy.arn);
  return [
    ...details.users.filter(holds).map((user) => `user ${user.name}`),
    ...details.groups.filter(holds).map((group) => `group ${group.name}`),
    ...details.roles.filter(holds).map((role) => `role ${role.name}`),
  ];
}

/**
 * Judges the attached managed policies of one kind (AWS- or customer-managed) for full
 * administrator access. Unattached policies grant nothing and are not judged.
 */
export function judgeAttachedManagedPolicies(
  details: AuthorizationDetails,
  ctx: CheckContext,
  awsManaged: boolean,
): CheckResult[] {
  const kind = awsManaged ? 'AWS-managed' : 'customer-managed';
  const policies = details.policies.filter(
    (policy) => policy.awsManaged === awsManaged && policy.attachmentCount > 0,
  );
  if (policies.length === 0) {
    return [
      notApplicable(
        accountResource(ctx, 'iam', GLOBAL_REGION),
        `Account ${ctx.account} has no attached ${kind} policies.`,
      ),
    ];
  }
  return policies.map((policy) => {
    const resource: ResourceRef = {
      region: GLOBAL_REGION,
      type: 'AwsIamPolicy',
      id: policy.name,
      arn: policy.arn,
    };
    const grant = fullAdminGrant(policy.document);
    if (grant === null)
      return pass(resource, `The ${kind} policy ${policy.name} does not grant ${FULL_ADMIN}.`);
    const holders = holdersOf(policy, details);
    const held =
      holders.length > 0
        ? holders.join(', ')
        : `${policy.attachmentCount} principals missing from the authorization details`;
    return fail(
      resource,
      `The ${kind} policy ${policy.name} grants ${FULL_ADMIN}${grant === 'conditional' ? ' under conditions' : ''} and is attached to ${held}.`,
    );
  });
}
