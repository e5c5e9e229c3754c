import { defineCheck } from '../../model/check';
import { judgeAttachedManagedPolicies } from './administrator-access';

export default defineCheck({
  id: 'iam_aws_attached_policy_no_administrative_privileges',
  title: 'No attached AWS-managed policy grants full administrator access (*:*)',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamPolicy',
  risk: 'Every holder of a policy such as AdministratorAccess can do anything in the account, including erasing trails and evidence; one stolen credential of one holder is a full compromise.',
  remediation:
    'Replace the full-administrator policy with least-privilege policies, then detach it from each holder: aws iam detach-user-policy / detach-group-policy / detach-role-policy --policy-arn <arn>. Keep break-glass administration in a role guarded by MFA and monitoring.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
  ],
  needs: ['authorizationDetails'],
  evaluate: ({ authorizationDetails }, ctx) =>
    judgeAttachedManagedPolicies(authorizationDetails, ctx, true),
});
