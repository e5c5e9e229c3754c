import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachEvidenceBucket } from './evidence-buckets';

export default defineCheck({
  id: 'readiness_evidence_bucket_kms_encrypted',
  title: 'The evidence bucket encrypts objects with a KMS key by default',
  service: 'readiness',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'With S3-managed keys anyone allowed to read the bucket reads the evidence; a KMS key adds a second, audited permission (kms:Decrypt) between the evidence and its readers.',
  remediation:
    'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key arn>"},"BucketKeyEnabled":true}]}\'',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  needs: ['evidenceBuckets'],
  evaluate: ({ evidenceBuckets }, ctx) =>
    judgeEachEvidenceBucket(
      evidenceBuckets,
      ctx,
      (bucket) => bucket.encryption,
      (bucket, encryption, resource) => {
        if (!encryption)
          return fail(
            resource,
            `Evidence bucket ${bucket.name} has no default encryption configuration.`,
          );
        if (!encryption.algorithm.startsWith('aws:kms')) {
          return fail(
            resource,
            `Evidence bucket ${bucket.name} encrypts with ${encryption.algorithm} (S3-managed keys), not with a KMS key.`,
          );
        }
        return pass(
          resource,
          `Evidence bucket ${bucket.name} encrypts with ${encryption.algorithm}${encryption.kmsKeyId ? ` under ${encryption.kmsKeyId}` : ' under the AWS-managed key'}.`,
        );
      },
    ),
});
