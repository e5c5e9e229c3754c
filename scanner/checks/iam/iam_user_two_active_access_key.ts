import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { activeKeyHolders, keyName, noUserWith, userResource } from './credentials';

export default defineCheck({
  id: 'iam_user_two_active_access_key',
  title: 'No IAM user has two active access keys',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: 'A second active key doubles the secrets to protect and is often the forgotten half of an unfinished rotation; when responding to a leak, it is easy to revoke one key and miss the other.',
  remediation:
    'Find which key is in use (aws iam get-access-key-last-used --access-key-id <key>), then deactivate and delete the other: aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const holders = activeKeyHolders(credentialReport);
    if (holders.length === 0) return [noUserWith(ctx, 'an active access key')];
    return holders.map(({ user, keys }) =>
      keys.length > 1
        ? fail(userResource(user), `User ${user.user} has two active access keys.`)
        : pass(
            userResource(user),
            `User ${user.user} has one active access key (${keyName(keys[0])}).`,
          ),
    );
  },
});
