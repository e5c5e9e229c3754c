import { defineCheck } from '../../model/check';
import { judgeEachBucket } from './buckets';
import { fail, pass } from '../results';

export default defineCheck({
  id: 's3_bucket_no_mfa_delete',
  title: 'Every S3 bucket has versioning with MFA delete enabled',
  service: 's3',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'Without MFA delete, stolen credentials with s3:PutBucketVersioning and s3:DeleteObjectVersion can suspend versioning and erase every object version, destroying data and evidence for good.',
  remediation:
    'As the root user with its MFA device: aws s3api put-bucket-versioning --bucket <name> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<serial> <code>".',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html',
  ],
  needs: ['buckets', 'bucketVersioning'],
  evaluate: ({ buckets, bucketVersioning }, ctx) =>
    judgeEachBucket(
      buckets,
      bucketVersioning,
      's3:GetBucketVersioning',
      ctx,
      (bucket, versioning, resource) => {
        if (versioning.status !== 'Enabled')
          return fail(
            resource,
            `Bucket ${bucket.name} does not have versioning enabled, so MFA delete cannot protect it.`,
          );
        return versioning.mfaDelete === 'Enabled'
          ? pass(resource, `Bucket ${bucket.name} has versioning with MFA delete enabled.`)
          : fail(resource, `Bucket ${bucket.name} has versioning enabled but MFA delete disabled.`);
      },
    ),
});
