import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
  type SynthesizedBlock,
} from '../../test/helpers/cdktf-jest';
import { ConfigBucket, type ConfigBucketProps } from './config-bucket';

function synthBucket(props: ConfigBucketProps = {}): string {
  return synthScope((scope) => new ConfigBucket(scope, 'config-bucket', props));
}

function configPolicy(synthesized: string): SynthesizedBlock {
  const policy = resourcesOfType(synthesized, 'aws_s3_bucket_policy').find((candidate) =>
    String(candidate.policy).includes('ConfigWrites'),
  );
  if (!policy) throw new Error('no Config bucket policy');
  return policy;
}

describe('ConfigBucket', () => {
  test('is versioned and encrypted with its own key, without Object Lock, which Config refuses', () => {
    const synthesized = synthBucket();
    const [bucket] = resourcesOfType(synthesized, 'aws_s3_bucket');
    expect(bucket).toMatchObject({
      bucket_prefix: 'pyjamas-config-',
      lifecycle: { prevent_destroy: true },
      tags: { 'pyjamas:component': 'config-bucket' },
    });
    expect(bucket).not.toHaveProperty('object_lock_enabled');
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        expect.objectContaining({
          apply_server_side_encryption_by_default: expect.objectContaining({
            sse_algorithm: 'aws:kms',
          }),
        }),
      ],
    });
  });

  test('denies deletes and plain HTTP to everyone and lets Config write only its accounts’ prefixes', () => {
    const statements = policyStatements(
      configPolicy(synthBucket({ deliveryAccountIds: ['222222222222'] })),
    );
    expect(statementWithSid(statements, 'DenyObjectDeletion')).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    });
    expect(statementWithSid(statements, 'DenyInsecureTransport').Effect).toBe('Deny');
    expect(statementWithSid(statements, 'ConfigWrites')).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' },
      Resource: [
        expect.stringMatching(
          /\/AWSLogs\/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}\/Config\/\*$/,
        ),
        expect.stringMatching(/\/AWSLogs\/222222222222\/Config\/\*$/),
      ],
      Condition: {
        StringEquals: {
          'aws:SourceAccount': [expect.stringMatching(/account_id\}$/), '222222222222'],
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    });
  });

  test('lets Config use the key and logs every access to a bucket of its own', () => {
    const synthesized = synthBucket();
    const [key] = resourcesOfType(synthesized, 'aws_kms_key');
    expect(
      statementWithSid(policyStatements(key as SynthesizedBlock), 'ConfigEncryptsSnapshots'),
    ).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
    expect(key?.lifecycle).toEqual({ prevent_destroy: true });
    expect(resourcesOfType(synthesized, 'aws_s3_bucket_logging')).toEqual([
      expect.objectContaining({ target_prefix: 'config-bucket/' }),
    ]);
  });

  test('rejects a delivery account that is not a 12-digit id', () => {
    expect(() => synthBucket({ deliveryAccountIds: ['12345'] })).toThrow(
      /ConfigBucket: deliveryAccountIds must be a list of 12-digit account ids, got "12345"/,
    );
  });
});
