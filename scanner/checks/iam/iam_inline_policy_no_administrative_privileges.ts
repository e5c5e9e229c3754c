import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import type { InlinePolicy } from '../../model/iam';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';
import { FULL_ADMIN, fullAdminGrant } from './administrator-access';

interface Principal {
  readonly kind: 'User' | 'Group' | 'Role';
  readonly name: string;
  readonly arn: string;
  readonly inlinePolicies: readonly InlinePolicy[];
}

export default defineCheck({
  id: 'iam_inline_policy_no_administrative_privileges',
  title: 'No inline policy grants full administrator access (*:*)',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'An inline policy that allows * on * makes its user, group or role a full administrator, able to erase trails and evidence, and inline policies are easy to overlook in reviews of managed policies.',
  remediation:
    'Delete the inline policy and grant least-privilege managed policies instead: aws iam delete-user-policy / delete-group-policy / delete-role-policy --policy-name <name>.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    const principals: Principal[] = [
      ...authorizationDetails.users.map((user) => ({ ...user, kind: 'User' as const })),
      ...authorizationDetails.groups.map((group) => ({ ...group, kind: 'Group' as const })),
      ...authorizationDetails.roles.map((role) => ({ ...role, kind: 'Role' as const })),
    ].filter((principal) => principal.inlinePolicies.length > 0);
    if (principals.length === 0) {
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} has no inline policies.`,
        ),
      ];
    }
    return principals.map((principal): CheckResult => {
      const resource = {
        region: GLOBAL_REGION,
        type: `AwsIam${principal.kind}`,
        id: principal.name,
        arn: principal.arn,
      };
      const admin = principal.inlinePolicies.flatMap((policy) => {
        const grant = fullAdminGrant(policy.document);
        if (grant === null) return [];
        return [grant === 'conditional' ? `${policy.name} (under conditions)` : policy.name];
      });
      const names = principal.inlinePolicies.map((policy) => policy.name).join(', ');
      return admin.length > 0
        ? fail(
            resource,
            `${principal.kind} ${principal.name} has inline policies granting ${FULL_ADMIN}: ${admin.join(', ')}.`,
          )
        : pass(
            resource,
            `${principal.kind} ${principal.name} has inline policies (${names}) that do not grant ${FULL_ADMIN}.`,
          );
    });
  },
});
