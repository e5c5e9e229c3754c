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
  id: 'iam_principal_no_passrole_any_role',
  title: 'No user or role may pass every role to every service',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: 'iam:PassRole on every role lets a principal hand any role, including the most privileged one created tomorrow, to a service it controls; the escalation check shows the paths that exist today.',
  remediation:
    'Scope iam:PassRole to the role ARNs the principal must pass and add an iam:PassedToService condition.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) => {
      const resource = principalResource(principal);
      const { partition, account } = analysis.model;
      const decision = analysis.couldDo(principal, 'iam:PassRole')
        ? analysis.decide(principal, {
            action: 'iam:PassRole',
            resource: `arn:${partition}:iam::${account}:role/*`,
            scope: 'all',
          })
        : null;
      if (!decision || decision.verdict === 'denied')
        return pass(resource, `${principalName(principal)} cannot pass every role.`);
      const message = `${principalName(principal)} may pass every role of the account${decision.verdict === 'conditional' ? ' under conditions' : ''}, through ${describeGrants(decision)}.`;
      return decision.verdict === 'conditional'
        ? { ...fail(resource, message), severity: lowerSeverity('medium') }
        : fail(resource, message);
    });
  },
});
