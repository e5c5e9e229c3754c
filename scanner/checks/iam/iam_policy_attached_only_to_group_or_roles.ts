import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'iam_policy_attached_only_to_group_or_roles',
  title: 'IAM users receive permissions only through groups',
  service: 'iam',
  severity: 'low',
  resourceType: 'AwsIamUser',
  risk: 'Permissions attached to individual users escape group reviews and pile up unnoticed; when a user is compromised, responders cannot tell its reach from its group memberships alone.',
  remediation:
    'Add the user to a group that carries the permissions, then detach its managed policies (aws iam detach-user-policy --user-name <user> --policy-arn <arn>) and delete its inline policies (aws iam delete-user-policy --user-name <user> --policy-name <name>).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
  ],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    if (authorizationDetails.users.length === 0) {
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} has no IAM users.`,
        ),
      ];
    }
    return authorizationDetails.users.map((user) => {
      const resource = { region: GLOBAL_REGION, type: 'AwsIamUser', id: user.name, arn: user.arn };
      const own = [
        ...user.attachedPolicies.map((policy) => `${policy.name} (managed)`),
        ...user.inlinePolicies.map((policy) => `${policy.name} (inline)`),
      ];
      return own.length > 0
        ? fail(resource, `User ${user.name} has policies of its own: ${own.join(', ')}.`)
        : pass(resource, `User ${user.name} has no policies of its own.`);
    });
  },
});
