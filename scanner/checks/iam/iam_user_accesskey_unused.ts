import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import {
  activeKeyHolders,
  describeActivity,
  keyName,
  lastActivity,
  noUserWith,
  userResource,
} from './credentials';

export default defineCheck({
  id: 'iam_user_accesskey_unused',
  title: 'No IAM user has an active access key unused for 45 days or more',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: 'An active key nobody uses is a standing secret nobody watches: if it leaked from an old script, laptop or repository, its first use will be by an intruder.',
  remediation:
    'Deactivate the unused key, then delete it once nothing breaks: aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <key>.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  ],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const holders = activeKeyHolders(credentialReport);
    if (holders.length === 0) return [noUserWith(ctx, 'an active access key')];
    const limit = ctx.config.maxUnusedCredentialDays;
    return holders.map(({ user, keys }) => {
      const judged = keys.map((slot) => ({
        slot,
        activity: lastActivity(
          slot.key.lastUsedDate,
          slot.key.lastRotated,
          user.userCreationTime,
          ctx.now,
        ),
      }));
      const unused = judged.filter(({ activity }) => activity.days >= limit);
      const described = (list: typeof judged) =>
        list
          .map(({ slot, activity }) => `${keyName(slot)} ${describeActivity(activity)}`)
          .join(' and ');
      return unused.length > 0
        ? fail(
            userResource(user),
            `User ${user.user} has active ${described(unused)}, ${limit} days or more without use.`,
          )
        : pass(
            userResource(user),
            `User ${user.user} has active ${described(judged)}, within ${limit} days.`,
          );
    });
  },
});
