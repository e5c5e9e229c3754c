import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { describeActivity, lastActivity, noUserWith, userResource } from './credentials';

export default defineCheck({
  id: 'iam_user_console_access_unused',
  title: 'No IAM user has a console password unused for 45 days or more',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: 'A dormant console password belongs to someone who left or never needed it; nobody notices when an intruder starts using it, and its sign-ins blend in with legitimate access.',
  remediation:
    'Delete the console password of the dormant user: aws iam delete-login-profile --user-name <user> (or remove the user if it is no longer needed).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const consoleUsers = credentialReport.users.filter((user) => user.passwordEnabled);
    if (consoleUsers.length === 0) return [noUserWith(ctx, 'a console password')];
    const limit = ctx.config.maxUnusedCredentialDays;
    return consoleUsers.map((user) => {
      const activity = lastActivity(
        user.passwordLastUsed,
        user.passwordLastChanged,
        user.userCreationTime,
        ctx.now,
      );
      const found = `User ${user.user} has a console password ${describeActivity(activity)}`;
      return activity.days >= limit
        ? fail(userResource(user), `${found}, ${limit} days or more without use.`)
        : pass(userResource(user), `${found}, within ${limit} days.`);
    });
  },
});
