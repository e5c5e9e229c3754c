import type { CheckContext } from '../../model/check';
import type { CheckResult, ResourceRef, Severity } from '../../model/finding';
import type { AuthorizationDetails } from '../../model/iam';
import type { OrganizationPolicies } from '../../model/organizations';
import { analyseAccount } from '../../iam/account';
import type { AccountAnalysis } from '../../iam/analysis';
import { guardrailNote } from '../../iam/describe';
import type { PrincipalPermissions } from '../../iam/principals';
import { GLOBAL_REGION, accountResource, notApplicable } from '../results';

/** The resource of a per-principal finding: the user or role itself. */
export function principalResource(
  principal: Pick<PrincipalPermissions, 'kind' | 'name' | 'arn'>,
): ResourceRef {
  return {
    region: GLOBAL_REGION,
    type: principal.kind === 'user' ? 'AwsIamUser' : 'AwsIamRole',
    id: principal.name,
    arn: principal.arn,
  };
}

/** `User alice` / `Role deploy`. */
export function principalName(principal: Pick<PrincipalPermissions, 'kind' | 'name'>): string {
  return `${principal.kind === 'user' ? 'User' : 'Role'} ${principal.name}`;
}

/** One step of severity lower, for grants that hold only under conditions. */
export function lowerSeverity(severity: Severity): Severity {
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];
  return order[Math.min(order.indexOf(severity) + 1, order.length - 1)] ?? 'informational';
}

/**
 * Judges every user and role with the shared analysis; NOT_APPLICABLE when the account has
 * none. `judge` returns the principal's result; the guardrail note is appended to failures.
 */
export function judgePrincipals(
  input: {
    readonly authorizationDetails: AuthorizationDetails;
    readonly organizationPolicies: OrganizationPolicies;
  },
  ctx: CheckContext,
  judge: (principal: PrincipalPermissions, analysis: AccountAnalysis) => CheckResult,
): CheckResult[] {
  const analysis = analyseAccount(
    input.authorizationDetails,
    input.organizationPolicies,
    ctx.account,
    ctx.partition,
  );
  const { principals } = analysis.model;
  if (principals.length === 0)
    return [
      notApplicable(
        accountResource(ctx, 'iam', GLOBAL_REGION),
        `Account ${ctx.account} has no IAM users or roles.`,
      ),
    ];
  const note = guardrailNote(analysis.model.guardrails);
  return principals.map((principal) => {
    const result = judge(principal, analysis);
    return result.status === 'FAIL' && note
      ? { ...result, message: `${result.message}${note}` }
      : result;
  });
}
