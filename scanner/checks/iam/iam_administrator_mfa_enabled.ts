import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgePrincipals, principalResource } from './permission-analysis';

export default defineCheck({
  id: 'iam_administrator_mfa_enabled',
  title: 'Every administrator user with a console password has MFA',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'A phished or reused password of an administrator without MFA is the whole account.',
  remediation:
    'Enable MFA for the user (aws iam enable-mfa-device, or the console), or remove its console password if it does not need one.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html'],
  needs: ['authorizationDetails', 'organizationPolicies', 'credentialReport'],
  evaluate(input, ctx) {
    const rows = new Map(input.credentialReport.users.map((row) => [row.arn, row]));
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      const row = rows.get(principal.arn);
      if (principal.kind === 'role' || !analysis.isAdministrator(principal))
        return pass(
          resource,
          `${principal.kind === 'role' ? 'Role' : 'User'} ${principal.name} is not an administrator user.`,
        );
      if (!row?.passwordEnabled)
        return pass(resource, `Administrator user ${principal.name} has no console password.`);
      return row.mfaActive
        ? pass(resource, `Administrator user ${principal.name} has MFA.`)
        : fail(resource, `Administrator user ${principal.name} has a console password and no MFA.`);
    });
  },
});
