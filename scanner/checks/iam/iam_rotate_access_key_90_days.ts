import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import {
  activeKeyHolders,
  describeDate,
  keyName,
  noUserWith,
  pastDate,
  userResource,
} from './credentials';

export default defineCheck({
  id: 'iam_rotate_access_key_90_days',
  title: 'Every active access key has been rotated within 90 days',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: "The older a key, the more copies of it sit in scripts, backups and former colleagues' machines; a leaked old key keeps working until it is rotated.",
  remediation:
    'Create a new key, move its users to it, then deactivate and delete the old one: aws iam create-access-key --user-name <user>; aws iam update-access-key --user-name <user> --access-key-id <old key> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <old key>.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
  ],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const holders = activeKeyHolders(credentialReport);
    if (holders.length === 0) return [noUserWith(ctx, 'an active access key')];
    const limit = ctx.config.maxAccessKeyAgeDays;
    return holders.map(({ user, keys }) => {
      // last_rotated is when the key was created; AWS keys cannot be changed in place.
      const aged = keys.map((slot) => ({
        slot,
        rotated: pastDate(slot.key.lastRotated ?? user.userCreationTime, ctx.now),
      }));
      const old = aged.filter(({ rotated }) => rotated.days > limit);
      const described = (list: typeof aged) =>
        list
          .map(({ slot, rotated }) => `${keyName(slot)} created ${describeDate(rotated)}`)
          .join(' and ');
      return old.length > 0
        ? fail(
            userResource(user),
            `User ${user.user} has active ${described(old)}, more than ${limit} days ago.`,
          )
        : pass(
            userResource(user),
            `User ${user.user} has active ${described(aged)}, within ${limit} days.`,
          );
    });
  },
});
