import { defineCheck } from '../../model/check';
import { describePath } from '../../iam/describe';
import { fail, pass } from '../results';
import {
  judgePrincipals,
  lowerSeverity,
  principalName,
  principalResource,
} from './permission-analysis';

/** Paths listed in one finding; the rest are counted. */
const MAX_PATHS_SHOWN = 5;

export default defineCheck({
  id: 'iam_principal_no_privilege_escalation_path',
  title: 'No user or role can reach administrator through another principal or a passed role',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: "Escalation assembled across policies (iam:PassRole in one, ec2:RunInstances in another), through an assumable role, or by taking another user's credentials turns a modest principal into an administrator; policy-by-policy reviews miss it.",
  remediation:
    'Break each path the finding lists: scope iam:PassRole to the roles the principal must pass (with iam:PassedToService), remove the credential or trust-policy permissions on other principals, or narrow the administrator role it reaches.',
  references: [
    'https://pathfinding.cloud',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      if (analysis.isAdministrator(principal))
        return pass(
          resource,
          `${principalName(principal)} is already administrator or can make itself one (see the administrator checks).`,
        );
      const { count, allConditional, shown } = analysis.escalationSummary(
        principal,
        MAX_PATHS_SHOWN,
      );
      if (count === 0)
        return pass(resource, `${principalName(principal)} has no path to administrator.`);
      const listed = shown.map((path) => describePath(principal.name, path));
      const more = count > MAX_PATHS_SHOWN ? ` (and ${count - MAX_PATHS_SHOWN} more)` : '';
      const message = `${principalName(principal)} can reach administrator in ${count} ${count === 1 ? 'way' : 'ways'}: ${listed.join('; ')}${more}.`;
      return allConditional
        ? { ...fail(resource, message), severity: lowerSeverity('high') }
        : fail(resource, message);
    });
  },
});
