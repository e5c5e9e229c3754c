import { defineCheck } from '../../model/check';
import { describeGrants } from '../../iam/describe';
import { fail, pass } from '../results';
import {
  judgePrincipals,
  lowerSeverity,
  principalName,
  principalResource,
} from './permission-analysis';

export default defineCheck({
  id: 'iam_principal_no_administrator_access',
  title: 'No user or role is a full administrator, however the access is granted',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'A full administrator can erase trails and evidence, mint credentials and leave backdoors; whoever steals its credentials owns the account. Access granted through a group, a NotAction statement or a wildcard is as complete as an attached AdministratorAccess.',
  remediation:
    'Replace the grants named in the finding with least-privilege policies; keep break-glass administrators few, MFA-protected and monitored: aws iam detach-user-policy / detach-role-policy / delete-user-policy / remove-user-from-group as the finding names.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      const admin = analysis.admin(principal);
      if (admin.verdict === 'denied') {
        const limited =
          admin.grant.verdict !== 'denied'
            ? `: every action is granted, but ${admin.limitedBy.join(', ')} is denied`
            : '';
        return pass(resource, `${principalName(principal)} is not a full administrator${limited}.`);
      }
      const grants = describeGrants(admin.grant);
      if (admin.verdict === 'conditional')
        return {
          ...fail(
            resource,
            `${principalName(principal)} is a full administrator under conditions, through ${grants}.`,
          ),
          severity: lowerSeverity('critical'),
        };
      return fail(
        resource,
        `${principalName(principal)} is a full administrator (every action on every resource), through ${grants}.`,
      );
    });
  },
});
