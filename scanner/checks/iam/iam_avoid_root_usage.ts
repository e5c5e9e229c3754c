import { defineCheck } from '../../model/check';
import { describeDate, pastDate } from './credentials';
import { fail, pass } from '../results';
import { rootResource } from './root-user';

/** How far back a use of the root user's password or keys counts as recent. */
export const ROOT_RECENT_USE_DAYS = 90;

export default defineCheck({
  id: 'iam_avoid_root_usage',
  title: `The root user has not been used in the last ${ROOT_RECENT_USE_DAYS} days`,
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'Every use of the root user exercises credentials no policy can restrict; regular use means they are typed, stored and exposed often, and a real intrusion through them hides among the routine sign-ins.',
  remediation:
    'Do daily and administrative work through IAM Identity Center or roles; keep root for the few tasks only it can do, and review every root sign-in in CloudTrail.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const resource = rootResource(ctx);
    const root = credentialReport.root;
    if (!root) throw new Error('the credential report has no <root_account> row');
    const uses = [
      { what: 'password', date: pastDate(root.passwordLastUsed, ctx.now) },
      ...root.accessKeys.map((key, index) => ({
        what: `access key ${index + 1}`,
        date: pastDate(key.lastUsedDate, ctx.now),
      })),
    ].filter((use) => use.date.days <= ROOT_RECENT_USE_DAYS);
    return [
      uses.length > 0
        ? fail(
            resource,
            `The root user of account ${ctx.account} was used recently: ${uses.map((use) => `${use.what} ${describeDate(use.date)}`).join(', ')}.`,
          )
        : pass(
            resource,
            `The root user of account ${ctx.account} has not been used in the last ${ROOT_RECENT_USE_DAYS} days.`,
          ),
    ];
  },
});
