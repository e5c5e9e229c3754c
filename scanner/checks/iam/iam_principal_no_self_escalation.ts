import { defineCheck } from '../../model/check';
import { describePath } from '../../iam/describe';
import { fail, pass } from '../results';
import {
  judgePrincipals,
  lowerSeverity,
  principalName,
  principalResource,
} from './permission-analysis';

export default defineCheck({
  id: 'iam_principal_no_self_escalation',
  title: 'No user or role can grant itself administrator access',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'A principal that can write or attach policies on itself, publish a new version of a policy it holds, join an administrator group, create a role it trusts or remove its own boundary is an administrator in all but name: a stolen key of it owns the account.',
  remediation:
    'Remove the IAM write permissions the finding names, or scope them with a condition (iam:PolicyARN, a permissions boundary required on created roles) and deny them on the principal itself.',
  references: [
    'https://pathfinding.cloud',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      if (analysis.admin(principal).verdict === 'allowed')
        return pass(
          resource,
          `${principalName(principal)} is already a full administrator (see iam_principal_no_administrator_access).`,
        );
      const paths = analysis.selfEscalation(principal);
      if (paths.length === 0)
        return pass(
          resource,
          `${principalName(principal)} cannot grant itself administrator access.`,
        );
      const message = `${principalName(principal)} can grant itself administrator access: ${paths.map((path) => describePath(principal.name, path)).join('; ')}.`;
      return paths.every((path) => path.conditional)
        ? { ...fail(resource, message), severity: lowerSeverity('critical') }
        : fail(resource, message);
    });
  },
});
