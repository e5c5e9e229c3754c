import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  onlyResourceOfType,
  policyStatements,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { AccessLogBucket, type AccessLogBucketProps } from './access-log-bucket';

const SOURCE = 'arn:aws:s3:::source-bucket';

function synthLogBucket(props: Partial<AccessLogBucketProps> = {}): string {
  return synthScope(
    (scope) => new AccessLogBucket(scope, 'logs', { sourceBucketArns: [SOURCE], ...props }),
  );
}

describe('AccessLogBucket', () => {
  test('creates a versioned bucket tagged as the access log bucket that Terraform refuses to destroy', () => {
    const synthesized = synthLogBucket();
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket_prefix: 'pyjamas-access-logs-',
      lifecycle: { prevent_destroy: true },
      tags: { 'pyjamas:component': 'access-log-bucket', 'pyjamas:managed-by': 'pyjamas' },
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
  });

  test('encrypts with SSE-S3, the only default encryption S3 log delivery supports', () => {
    expect(synthLogBucket()).toHaveResourceWithProperties(
      S3BucketServerSideEncryptionConfigurationA,
      {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      },
    );
  });

  test('blocks all public access', () => {
    expect(synthLogBucket()).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('lets only the S3 logging service write, on behalf of the source buckets, over TLS', () => {
    const statements = policyStatements(
      onlyResourceOfType(synthLogBucket(), 'aws_s3_bucket_policy'),
    );
    expect(statementWithSid(statements, 'DenyInsecureTransport').Condition).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    expect(statementWithSid(statements, 'S3ServerAccessLogDelivery')).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { ArnLike: { 'aws:SourceArn': [SOURCE] } },
    });
  });

  test('expires logs after the number of days given', () => {
    expect(synthLogBucket({ expireAfterDays: 30 })).toHaveResourceWithProperties(
      S3BucketLifecycleConfiguration,
      {
        rule: [
          expect.objectContaining({
            expiration: [{ days: 30 }],
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          }),
        ],
      },
    );
  });

  test('rejects an expiry that is not a whole number of days', () => {
    expect(() => synthLogBucket({ expireAfterDays: 0.5 })).toThrow(
      /AccessLogBucket: expireAfterDays must be a whole number from 1 to 36500, got 0.5/,
    );
  });
});
