import {
  GetBucketEncryptionCommand,
  GetObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { hasAwsErrorName } from '../../lib/aws/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import type { EvidenceBucket } from '../model/plumbing';
import type { RegionalCollector } from './collector';
import { bucketDetailOnce, readBucketPolicy, readBucketVersioning } from './s3';

/** Evidence buckets found by their plumbing tag, with the settings that keep evidence safe. */
export const evidenceBuckets: RegionalCollector<'evidenceBuckets'> = {
  scope: 'regional',
  apis: [
    'tag:GetResources',
    's3:GetObjectLockConfiguration',
    's3:GetBucketVersioning',
    's3:GetBucketEncryption',
    's3:GetBucketPolicy',
  ],
  async collect(ctx, region) {
    const names: string[] = [];
    const tagging = ctx.aws.get(ResourceGroupsTaggingAPIClient, region);
    for await (const page of paginateGetResources(
      { client: tagging },
      {
        TagFilters: [{ Key: PLUMBING_TAG_KEY, Values: [PLUMBING_COMPONENTS.evidenceBucket] }],
        ResourceTypeFilters: ['s3'],
      },
    )) {
      for (const mapping of page.ResourceTagMappingList ?? [])
        names.push((mapping.ResourceARN ?? '').split(':::')[1] ?? '');
    }
    const s3 = ctx.aws.get(S3Client, region);
    return Promise.all(
      names.filter(Boolean).map(async (name): Promise<EvidenceBucket> => {
        const detail = <T>(api: string, read: () => Promise<T>) =>
          bucketDetailOnce(ctx, api, name, region, read);
        const [objectLock, versioning, encryption, policy] = await Promise.all([
          detail('s3:GetObjectLockConfiguration', async () => {
            try {
              const { ObjectLockConfiguration: config } = await s3.send(
                new GetObjectLockConfigurationCommand({ Bucket: name }),
              );
              const retention = config?.Rule?.DefaultRetention;
              return {
                enabled: config?.ObjectLockEnabled === 'Enabled',
                mode: retention?.Mode ?? null,
                days: retention?.Days ?? null,
                years: retention?.Years ?? null,
              };
            } catch (error) {
              if (hasAwsErrorName(error, ['ObjectLockConfigurationNotFoundError'])) return null;
              throw error;
            }
          }),
          detail('s3:GetBucketVersioning', () => readBucketVersioning(s3, name)),
          detail('s3:GetBucketEncryption', async () => {
            try {
              const { ServerSideEncryptionConfiguration: config } = await s3.send(
                new GetBucketEncryptionCommand({ Bucket: name }),
              );
              const rule = config?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
              return rule?.SSEAlgorithm
                ? { algorithm: rule.SSEAlgorithm, kmsKeyId: rule.KMSMasterKeyID ?? null }
                : null;
            } catch (error) {
              if (hasAwsErrorName(error, ['ServerSideEncryptionConfigurationNotFoundError']))
                return null;
              throw error;
            }
          }),
          detail('s3:GetBucketPolicy', () => readBucketPolicy(s3, name)),
        ]);
        return {
          name,
          arn: `arn:${ctx.partition}:s3:::${name}`,
          region,
          objectLock,
          versioning: versioning.ok ? { ok: true, data: versioning.data.status } : versioning,
          encryption,
          policy,
        };
      }),
    );
  },
};
