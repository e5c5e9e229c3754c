import { defineCheck } from '../../model/check';
import type { Decision, FamilyDecisions } from '../../iam/decide';
import { describeGrants } from '../../iam/describe';
import type { PrincipalPermissions } from '../../iam/principals';
import { fail, pass } from '../results';
import { judgePrincipals, principalName, principalResource } from './permission-analysis';

/** Actions that hand over another user's identity: an access key or a console password. */
const CREDENTIAL_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
] as const;

/** Users named in one finding; the rest are counted. */
const MAX_USERS_SHOWN = 5;

const positions = new WeakMap<readonly PrincipalPermissions[], ReadonlyMap<string, number>>();

/** Each user's place in the account's list, worked out once per analysis. */
function positionsOf(users: readonly PrincipalPermissions[]): ReadonlyMap<string, number> {
  let known = positions.get(users);
  if (!known) {
    known = new Map(users.map((user, index) => [user.arn, index]));
    positions.set(users, known);
  }
  return known;
}

/**
 * The users other than `self` a family of decisions grants, counted, and the first few in
 * account order: without a walk over every user when most share one decision.
 */
function grantedUsers(
  users: readonly PrincipalPermissions[],
  principal: PrincipalPermissions,
  decisions: FamilyDecisions,
): { count: number; shown: { user: string; decision: Decision }[] } {
  const self = principal.arn;
  const decisionOf = (arn: string) => decisions.exceptions.get(arn) ?? decisions.common;
  const grants = (arn: string) => arn !== self && decisionOf(arn)?.verdict !== 'denied';
  const shown: { user: string; decision: Decision }[] = [];
  const show = (user: PrincipalPermissions) => {
    const decision = decisionOf(user.arn);
    if (decision) shown.push({ user: user.name, decision });
  };
  if (!decisions.common || decisions.common.verdict === 'denied') {
    const order = positionsOf(users);
    const listed = [...decisions.exceptions.keys()]
      .filter(grants)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const arn of listed.slice(0, MAX_USERS_SHOWN)) {
      const user = users[order.get(arn) ?? -1];
      if (user) show(user);
    }
    return { count: listed.length, shown };
  }
  let refused = principal.kind === 'user' ? 1 : 0;
  for (const [arn, decision] of decisions.exceptions)
    if (arn !== self && decision.verdict === 'denied') refused += 1;
  for (const user of users) {
    if (shown.length === MAX_USERS_SHOWN) break;
    if (grants(user.arn)) show(user);
  }
  return { count: users.length - refused, shown };
}

export default defineCheck({
  id: 'iam_principal_no_credential_exposure',
  title: 'No user or role can create access keys or console passwords for other users',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'Creating a key or a password for another user is taking over that user: its permissions, and an audit trail in its name.',
  remediation:
    'Limit credential management to the user itself (Resource arn:aws:iam::<account>:user/${aws:username}) and to an identity-administration role.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_credentials_console.html',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      const exposed = CREDENTIAL_ACTIONS.flatMap((action) => {
        if (!analysis.couldDo(principal, action)) return [];
        const family = analysis.familyGrant(principal, action, analysis.familyOf('user'));
        if (family.kind === 'none') return [];
        const decisions =
          family.kind === 'uniform'
            ? { common: family.decision, exceptions: new Map<string, Decision>() }
            : analysis.decideMembers(principal, action, 'user');
        const granted = grantedUsers(analysis.usersOf(), principal, decisions);
        const [first] = granted.shown;
        if (!first) return [];
        const names = granted.shown.map((entry) => entry.user).join(', ');
        const more =
          granted.count > MAX_USERS_SHOWN ? ` and ${granted.count - MAX_USERS_SHOWN} more` : '';
        return [`${action} for ${names}${more} [${describeGrants(first.decision)}]`];
      });
      return exposed.length > 0
        ? fail(
            resource,
            `${principalName(principal)} can take over other users' credentials: ${exposed.join('; ')}.`,
          )
        : pass(
            resource,
            `${principalName(principal)} cannot create keys or passwords for other users.`,
          );
    });
  },
});
