import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachBucket } from './buckets';
import { listOf, settingsOff } from './public-access-block';

export default defineCheck({
  id: 's3_bucket_level_public_access_block',
  title: 'Every S3 bucket has all four Block Public Access settings in effect',
  service: 's3',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  risk: 'A bucket without Block Public Access in effect can be opened to the internet by one policy or ACL change, by mistake or by an intruder staging data for exfiltration.',
  remediation:
    'Turn on the missing settings, on the bucket or once for the whole account: aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
  ],
  needs: ['buckets', 'bucketPublicAccessBlocks', 'accountPublicAccessBlock'],
  evaluate: ({ buckets, bucketPublicAccessBlocks, accountPublicAccessBlock }, ctx) =>
    judgeEachBucket(
      buckets,
      bucketPublicAccessBlocks,
      's3:GetPublicAccessBlock',
      ctx,
      (bucket, own, resource) => {
        // S3 applies the most restrictive combination of the bucket and account settings.
        const missing = settingsOff(
          (setting) => (own?.[setting] ?? false) || (accountPublicAccessBlock?.[setting] ?? false),
        );
        if (missing.length > 0) {
          return fail(
            resource,
            `Bucket ${bucket.name} has ${listOf(missing)} off at both bucket and account level.`,
          );
        }
        const fromAccount = settingsOff((setting) => own?.[setting] ?? false);
        return pass(
          resource,
          fromAccount.length === 0
            ? `Bucket ${bucket.name} has all four Block Public Access settings on.`
            : `Bucket ${bucket.name} has all four Block Public Access settings in effect, ${listOf(fromAccount)} from the account level.`,
        );
      },
    ),
});
