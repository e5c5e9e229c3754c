import { defineCheck } from '../../model/check';
import { describeGrants } from '../../iam/describe';
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
      const users = analysis.model.principals.filter(
        (other) => other.kind === 'user' && other.arn !== principal.arn,
      );
      const exposed = CREDENTIAL_ACTIONS.flatMap((action) => {
        if (!analysis.couldDo(principal, action)) return [];
        const family = analysis.familyGrant(principal, action, analysis.familyOf('user'));
        if (family.kind === 'none') return [];
        const granted = users.flatMap((user) => {
          const decision =
            family.kind === 'uniform'
              ? family.decision
              : analysis.decide(principal, { action, resource: user.arn, scope: 'all' });
          return decision.verdict === 'denied' ? [] : [{ user: user.name, decision }];
        });
        const [first] = granted;
        if (!first) return [];
        const names = granted
          .slice(0, MAX_USERS_SHOWN)
          .map((entry) => entry.user)
          .join(', ');
        const more =
          granted.length > MAX_USERS_SHOWN ? ` and ${granted.length - MAX_USERS_SHOWN} more` : '';
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
