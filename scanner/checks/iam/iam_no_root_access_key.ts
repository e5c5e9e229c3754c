import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { rootResource, summaryCounter } from './root-user';

export default defineCheck({
  id: 'iam_no_root_access_key',
  title: 'The root user has no access keys',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'A root access key is a long-lived secret with unrestricted power that no IAM policy or permission boundary can limit; whoever finds it in a laptop, repository or log owns the account, and only the root user can revoke it.',
  remediation:
    'Sign in as the root user, open Security credentials, and deactivate then delete every access key; use IAM roles or users with least privilege for programmatic access.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_add-key.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html',
  ],
  needs: ['accountSummary'],
  evaluate({ accountSummary }, ctx) {
    const root = rootResource(ctx);
    // AccountAccessKeysPresent is 1 when the root user has at least one access key, active or not.
    return [
      summaryCounter(accountSummary, 'AccountAccessKeysPresent') > 0
        ? fail(root, `The root user of account ${ctx.account} has access keys.`)
        : pass(root, `The root user of account ${ctx.account} has no access keys.`),
    ];
  },
});
