import { defineCheck } from '../../model/check';
import { judgeUnconstrained } from './unconstrained';
import { judgePrincipals } from './permission-analysis';

/** Actions that rewrite who may use a resource (resource exposure). */
const RESOURCE_POLICY_ACTIONS = [
  's3:PutBucketPolicy',
  's3:PutBucketAcl',
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'lambda:AddPermission',
  'sqs:AddPermission',
  'sqs:SetQueueAttributes',
  'sns:AddPermission',
  'sns:SetTopicAttributes',
  'secretsmanager:PutResourcePolicy',
  'ecr:SetRepositoryPolicy',
  'ec2:ModifySnapshotAttribute',
  'rds:ModifyDBSnapshotAttribute',
] as const;

export default defineCheck({
  id: 'iam_principal_no_resource_policy_rewrite',
  title: 'No user or role can rewrite the resource policies of every resource',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'Whoever can rewrite every bucket, key, queue, topic, secret or snapshot policy can open them to another account or to the world, which exfiltrates data without a single read from inside.',
  remediation:
    'Scope these permissions to the resources the principal administers, or reserve them for a deployment role guarded by conditions.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) =>
      judgeUnconstrained(
        analysis,
        principal,
        RESOURCE_POLICY_ACTIONS,
        'high',
        'rewrite resource policies',
      ),
    );
  },
});
