import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { evidenceBuckets } from './plumbing';
import { bucketPolicies, bucketVersioning } from './s3';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const s3 = mockClient(S3Client);
const notFound = (name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 404 } });

beforeEach(() => {
  tagging.reset();
  s3.reset();
  tagging
    .on(GetResourcesCommand)
    .resolves({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::pyjamas-evidence' }] });
  s3.on(GetObjectLockConfigurationCommand).resolves({
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
    },
  });
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'key-1' },
        },
      ],
    },
  });
  s3.on(GetBucketPolicyCommand).resolves({
    Policy: '{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}',
  });
});

describe('the evidence bucket collector', () => {
  test('finds buckets by the plumbing tag and reads the settings that make them fit for evidence', async () => {
    const [bucket] = await evidenceBuckets.collect(collectContext(), 'us-east-1');
    expect(tagging.commandCalls(GetResourcesCommand)[0]?.args[0].input).toEqual({
      TagFilters: [{ Key: 'pyjamas:component', Values: ['evidence-bucket'] }],
      ResourceTypeFilters: ['s3'],
    });
    expect(bucket).toEqual({
      name: 'pyjamas-evidence',
      arn: 'arn:aws:s3:::pyjamas-evidence',
      region: 'us-east-1',
      objectLock: { ok: true, data: { enabled: true, mode: 'COMPLIANCE', days: 365, years: null } },
      versioning: { ok: true, data: 'Enabled' },
      encryption: { ok: true, data: { algorithm: 'aws:kms', kmsKeyId: 'key-1' } },
      policy: {
        ok: true,
        data: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] },
      },
    });
  });

  test('reads a missing lock or encryption configuration as not configured', async () => {
    s3.on(GetObjectLockConfigurationCommand).rejects(
      notFound('ObjectLockConfigurationNotFoundError'),
    );
    s3.on(GetBucketEncryptionCommand).rejects(
      notFound('ServerSideEncryptionConfigurationNotFoundError'),
    );
    const [bucket] = await evidenceBuckets.collect(collectContext(), 'us-east-1');
    expect(bucket?.objectLock).toEqual({ ok: true, data: null });
    expect(bucket?.encryption).toEqual({ ok: true, data: null });
  });

  test('keeps a denied setting as an error of that setting only', async () => {
    s3.on(GetBucketVersioningCommand).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: {} }),
    );
    const [bucket] = await evidenceBuckets.collect(collectContext(), 'us-east-1');
    expect(bucket?.versioning).toMatchObject({
      ok: false,
      error: { api: 's3:GetBucketVersioning', name: 'AccessDenied' },
    });
    expect(bucket?.objectLock.ok).toBe(true);
  });

  test('shares the bucket policy read with the account-wide bucket policies', async () => {
    const ctx = collectContext({
      buckets: [
        {
          name: 'pyjamas-evidence',
          arn: 'arn:aws:s3:::pyjamas-evidence',
          region: 'us-east-1',
          createdAt: null,
        },
      ],
    });
    await Promise.all([evidenceBuckets.collect(ctx, 'us-east-1'), bucketPolicies.collect(ctx)]);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(1);
  });

  test.each([
    ['the evidence bucket first', false],
    ['the account-wide versioning first', true],
  ])(
    'shares the versioning read with the account-wide bucket versioning, each in its own shape, whichever reads %s',
    async (_order, accountWideFirst) => {
      s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
      const ctx = collectContext({
        buckets: [
          {
            name: 'pyjamas-evidence',
            arn: 'arn:aws:s3:::pyjamas-evidence',
            region: 'us-east-1',
            createdAt: null,
          },
        ],
      });
      const accountWide = accountWideFirst ? await bucketVersioning.collect(ctx) : undefined;
      const [bucket] = await evidenceBuckets.collect(ctx, 'us-east-1');
      const versioning = accountWide ?? (await bucketVersioning.collect(ctx));
      expect(bucket?.versioning).toEqual({ ok: true, data: 'Enabled' });
      expect(versioning['pyjamas-evidence']).toEqual({
        ok: true,
        data: { status: 'Enabled', mfaDelete: 'Disabled' },
      });
      expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(1);
    },
  );

  test('finds nothing in a region without tagged buckets', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    await expect(evidenceBuckets.collect(collectContext(), 'eu-west-1')).resolves.toEqual([]);
  });
});
