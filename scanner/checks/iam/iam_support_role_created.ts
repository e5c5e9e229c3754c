import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

/** AWSSupportAccess in any partition: `arn:aws:…`, `arn:aws-cn:…`, `arn:aws-us-gov:…`. */
const SUPPORT_POLICY_SUFFIX = ':iam::aws:policy/AWSSupportAccess';

export default defineCheck({
  id: 'iam_support_role_created',
  title: 'A role with the AWSSupportAccess policy exists to handle incidents with AWS Support',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without a support role, opening and following AWS Support cases during an incident needs the root user or an over-privileged identity, at the moment those are least trustworthy.',
  remediation:
    'Create a role that your incident responders can assume and attach the AWS-managed policy: aws iam attach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess.',
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html',
  ],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    const account = accountResource(ctx, 'iam', GLOBAL_REGION);
    const supportRoles = authorizationDetails.roles
      .filter((role) =>
        role.attachedPolicies.some((policy) => policy.arn.endsWith(SUPPORT_POLICY_SUFFIX)),
      )
      .map((role) => role.name);
    return [
      supportRoles.length > 0
        ? pass(
            account,
            `Account ${ctx.account} has roles with AWSSupportAccess attached: ${supportRoles.join(', ')}.`,
          )
        : fail(
            account,
            `Account ${ctx.account} has no role with the AWS-managed policy AWSSupportAccess attached.`,
          ),
    ];
  },
});
