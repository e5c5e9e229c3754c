import { defineCheck } from '../../model/check';
import { describeStatements, unrestrictedPublicStatements } from '../public-principal';
import { fail, pass } from '../results';
import { judgeEachBucket } from './buckets';

export default defineCheck({
  id: 's3_bucket_policy_not_publicly_accessible',
  title: 'No S3 bucket policy allows Principal "*" without a condition limiting the caller',
  service: 's3',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  risk: 'A bucket policy that grants every principal exposes the bucket to anyone on the internet as soon as Block Public Access is lifted, or at once for the grants it does not cover (cross-account principals, access points).',
  remediation:
    'Replace the "*" principal with the accounts or roles that need the bucket, or add a condition such as aws:SourceArn, aws:SourceVpce or aws:PrincipalOrgID, then aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json; keep Block Public Access on.',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['buckets', 'bucketPolicies'],
  // The policy is judged on its own, whatever Block Public Access says: the control asks that
  // resource policies not grant "*", and BPA can be lifted without touching the policy.
  evaluate: ({ buckets, bucketPolicies }, ctx) =>
    judgeEachBucket(
      buckets,
      bucketPolicies,
      's3:GetBucketPolicy',
      ctx,
      (bucket, policy, resource) => {
        if (!policy) return pass(resource, `Bucket ${bucket.name} has no bucket policy.`);
        const open = unrestrictedPublicStatements(policy);
        return open.length > 0
          ? fail(
              resource,
              `Bucket ${bucket.name} has a policy that allows Principal "*" with no condition limiting the caller (statement ${describeStatements(policy, open)}).`,
            )
          : pass(
              resource,
              `Bucket ${bucket.name} has a policy that allows no unrestricted Principal "*".`,
            );
      },
    ),
});
