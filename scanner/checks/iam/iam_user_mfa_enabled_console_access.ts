import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { noUserWith, userResource } from './credentials';

export default defineCheck({
  id: 'iam_user_mfa_enabled_console_access',
  title: 'Every IAM user with a console password has MFA enabled',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'A console password without MFA falls to phishing, reuse or guessing, and the console session then holds every permission of the user.',
  remediation:
    'Assign an MFA device to the user (aws iam enable-mfa-device, or the console under Security credentials), or delete the console password if the user does not need it: aws iam delete-login-profile --user-name <user>.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html'],
  needs: ['credentialReport'],
  evaluate({ credentialReport }, ctx) {
    const consoleUsers = credentialReport.users.filter((user) => user.passwordEnabled);
    if (consoleUsers.length === 0) return [noUserWith(ctx, 'a console password')];
    return consoleUsers.map((user) =>
      user.mfaActive
        ? pass(userResource(user), `User ${user.user} has a console password and MFA enabled.`)
        : fail(userResource(user), `User ${user.user} has a console password and no MFA device.`),
    );
  },
});
