import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'iam_password_policy_reuse_24',
  title: 'The IAM password policy prevents reuse of the last 24 passwords',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Users who may reuse old passwords fall back to ones already leaked or cracked, so a password reset after a compromise may not lock the intruder out.',
  remediation:
    'Set a password policy that remembers 24 passwords (the AWS maximum): aws iam update-account-password-policy --password-reuse-prevention 24 (repeat the other settings you use, the call replaces the whole policy).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  ],
  needs: ['passwordPolicy'],
  evaluate({ passwordPolicy }, ctx) {
    const account = accountResource(ctx, 'iam', GLOBAL_REGION);
    const minimum = ctx.config.minPasswordReusePrevention;
    if (!passwordPolicy) {
      return [
        fail(
          account,
          `Account ${ctx.account} has no password policy, so users may reuse any previous password.`,
        ),
      ];
    }
    const remembered = passwordPolicy.passwordReusePrevention;
    if (remembered === null) {
      return [
        fail(
          account,
          `Account ${ctx.account} has a password policy that does not prevent password reuse.`,
        ),
      ];
    }
    return [
      remembered >= minimum
        ? pass(
            account,
            `Account ${ctx.account} prevents reuse of the last ${remembered} passwords.`,
          )
        : fail(
            account,
            `Account ${ctx.account} prevents reuse of only the last ${remembered} passwords, fewer than ${minimum}.`,
          ),
    ];
  },
});
