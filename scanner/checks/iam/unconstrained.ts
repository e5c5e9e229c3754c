import type { CheckResult } from '../../model/finding';
import type { AccountAnalysis } from '../../iam/analysis';
import { allResourcesOf } from '../../iam/catalogue';
import type { Decision } from '../../iam/decide';
import { describeGrants } from '../../iam/describe';
import type { PrincipalPermissions } from '../../iam/principals';
import { fail, pass } from '../results';
import { lowerSeverity, principalName, principalResource } from './permission-analysis';
import type { Severity } from '../../model/finding';

/**
 * The decision on an action over every resource of some type it acts on (that type's ARN with
 * wildcards), or null when no resource type is wholly covered. One type suffices: s3:GetObject
 * acts on objects and on objects reached through access points, and a grant on
 * `arn:aws:s3:::*` reads every object of every bucket whatever it says of access points.
 */
export function unconstrainedGrant(
  analysis: AccountAnalysis,
  principal: PrincipalPermissions,
  action: string,
): Decision | null {
  const { partition, account } = analysis.model;
  if (!analysis.couldDo(principal, action)) return null;
  let granted: Decision | null = null;
  for (const resource of allResourcesOf(action, partition, account)) {
    const decision = analysis.decide(principal, { action, resource, scope: 'all' });
    if (decision.verdict === 'allowed') return decision;
    if (decision.verdict === 'conditional') granted ??= decision;
  }
  return granted;
}

/** FAIL listing each of `actions` the principal holds on every resource; PASS otherwise. */
export function judgeUnconstrained(
  analysis: AccountAnalysis,
  principal: PrincipalPermissions,
  actions: readonly string[],
  severity: Severity,
  what: string,
): CheckResult {
  const resource = principalResource(principal);
  const granted = actions.flatMap((action) => {
    const decision = unconstrainedGrant(analysis, principal, action);
    return decision ? [{ action, decision }] : [];
  });
  if (granted.length === 0)
    return pass(resource, `${principalName(principal)} cannot ${what} on every resource.`);
  const listed = granted
    .map(
      ({ action, decision }) =>
        `${action}${decision.verdict === 'conditional' ? ' (under conditions)' : ''} [${describeGrants(decision)}]`,
    )
    .join('; ');
  const result = fail(
    resource,
    `${principalName(principal)} can ${what} on every resource: ${listed}.`,
  );
  return granted.every(({ decision }) => decision.verdict === 'conditional')
    ? { ...result, severity: lowerSeverity(severity) }
    : result;
}
