import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { rootResource, summaryCounter } from './root-user';

export default defineCheck({
  id: 'iam_root_mfa_enabled',
  title: 'The root user signs in with multi-factor authentication',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'Without MFA, the root password alone (phished, reused or reset through a compromised mailbox) gives unrestricted control of the account, including closing it and deleting its evidence.',
  remediation:
    'Sign in as the root user, open Security credentials, and assign an MFA device (a FIDO security key or hardware token preferred).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html',
  ],
  needs: ['accountSummary'],
  evaluate({ accountSummary }, ctx) {
    const root = rootResource(ctx);
    return [
      summaryCounter(accountSummary, 'AccountMFAEnabled') === 1
        ? pass(root, `The root user of account ${ctx.account} has MFA enabled.`)
        : fail(root, `The root user of account ${ctx.account} has no MFA device.`),
    ];
  },
});
