import { defineCheck } from '../../model/check';
import { judgeAttachedManagedPolicies } from './administrator-access';

export default defineCheck({
  id: 'iam_customer_attached_policy_no_administrative_privileges',
  title: 'No attached customer-managed policy grants full administrator access (*:*)',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamPolicy',
  risk: 'A home-made policy that allows * on * makes every holder a full administrator, able to erase trails and evidence, while its name may not say so to reviewers.',
  remediation:
    'Narrow the policy to the actions and resources its holders need (aws iam create-policy-version --policy-arn <arn> --policy-document file://least-privilege.json --set-as-default), or detach it from each holder.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-edit.html',
  ],
  needs: ['authorizationDetails'],
  evaluate: ({ authorizationDetails }, ctx) =>
    judgeAttachedManagedPolicies(authorizationDetails, ctx, false),
});
