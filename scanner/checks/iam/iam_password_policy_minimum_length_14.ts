import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'iam_password_policy_minimum_length_14',
  title: 'The IAM password policy requires passwords of at least 14 characters',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Short console passwords fall to guessing and credential stuffing, and a console session is a foothold in the account.',
  remediation:
    'Set a password policy with a minimum length of 14 or more: aws iam update-account-password-policy --minimum-password-length 14 (repeat the other settings you use, the call replaces the whole policy).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  ],
  needs: ['passwordPolicy'],
  evaluate({ passwordPolicy }, ctx) {
    const account = accountResource(ctx, 'iam', GLOBAL_REGION);
    const minimum = ctx.config.minPasswordLength;
    if (!passwordPolicy) {
      return [
        fail(
          account,
          `Account ${ctx.account} has no password policy, so AWS's default minimum of 8 characters applies.`,
        ),
      ];
    }
    const length = passwordPolicy.minimumPasswordLength ?? 8;
    return [
      length >= minimum
        ? pass(
            account,
            `Account ${ctx.account} requires passwords of at least ${length} characters.`,
          )
        : fail(
            account,
            `Account ${ctx.account} requires only ${length} characters per password, fewer than ${minimum}.`,
          ),
    ];
  },
});
