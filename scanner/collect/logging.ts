import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import {
  GetDetectorCommand,
  GuardDutyClient,
  paginateListDetectors,
} from '@aws-sdk/client-guardduty';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import type {
  GuardDutyDetector,
  KmsKey,
  Trail,
  TrailEventSelectors,
  TrailStatus,
} from '../model/logging';
import { fetchDetail, type CollectContext, type RegionalCollector } from './collector';
import { listKmsKeys } from './kms-key-list';

/** Trails that apply to a region, with status and event selectors. */
export const trails: RegionalCollector<'trails'> = {
  scope: 'regional',
  apis: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  async collect(ctx, region) {
    // Shadow trails are included: a multi-region trail is listed in every region it covers.
    const { trailList } = await ctx.aws
      .get(CloudTrailClient, region)
      .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    return Promise.all((trailList ?? []).map((trail) => describeTrail(ctx, trail, region)));
  },
};

async function describeTrail(
  ctx: CollectContext,
  trail: SdkTrail,
  listedIn: string,
): Promise<Trail> {
  const arn = trail.TrailARN ?? '';
  const homeRegion = trail.HomeRegion ?? listedIn;
  const client = ctx.aws.get(CloudTrailClient, homeRegion);
  // Read once per trail, in its home region, however many regions list it.
  const [status, eventSelectors] = await Promise.all([
    ctx.once(`cloudtrail-status:${arn}`, () =>
      fetchDetail('cloudtrail:GetTrailStatus', homeRegion, async (): Promise<TrailStatus> => {
        const answer = await client.send(new GetTrailStatusCommand({ Name: arn }));
        return {
          isLogging: answer.IsLogging ?? false,
          latestDeliveryError: answer.LatestDeliveryError ?? null,
        };
      }),
    ),
    ctx.once(`cloudtrail-selectors:${arn}`, () =>
      fetchDetail(
        'cloudtrail:GetEventSelectors',
        homeRegion,
        async (): Promise<TrailEventSelectors> => {
          const answer = await client.send(new GetEventSelectorsCommand({ TrailName: arn }));
          return {
            basic: (answer.EventSelectors ?? []).map((selector) => ({
              readWriteType: selector.ReadWriteType ?? 'All',
              includeManagementEvents: selector.IncludeManagementEvents ?? true,
              excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
              dataResources: (selector.DataResources ?? []).map((resource) => ({
                type: resource.Type ?? '',
                values: resource.Values ?? [],
              })),
            })),
            advanced: (answer.AdvancedEventSelectors ?? []).map((selector) => ({
              name: selector.Name ?? null,
              fieldSelectors: (selector.FieldSelectors ?? []).map((field) => ({
                field: field.Field ?? '',
                equals: field.Equals ?? [],
                notEquals: field.NotEquals ?? [],
                startsWith: field.StartsWith ?? [],
                notStartsWith: field.NotStartsWith ?? [],
                endsWith: field.EndsWith ?? [],
                notEndsWith: field.NotEndsWith ?? [],
              })),
            })),
          };
        },
      ),
    ),
  ]);
  return {
    name: trail.Name ?? '',
    arn,
    homeRegion,
    isMultiRegion: trail.IsMultiRegionTrail ?? false,
    isOrganizationTrail: trail.IsOrganizationTrail ?? false,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
    logFileValidationEnabled: trail.LogFileValidationEnabled ?? false,
    kmsKeyId: trail.KmsKeyId ?? null,
    s3BucketName: trail.S3BucketName ?? null,
    cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
    status,
    eventSelectors,
  };
}

/** A region's AWS Config recorders and their status. */
export const configRecorders: RegionalCollector<'configRecorders'> = {
  scope: 'regional',
  apis: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
  async collect(ctx, region) {
    const client = ctx.aws.get(ConfigServiceClient, region);
    const [{ ConfigurationRecorders }, { ConfigurationRecordersStatus }] = await Promise.all([
      client.send(new DescribeConfigurationRecordersCommand({})),
      client.send(new DescribeConfigurationRecorderStatusCommand({})),
    ]);
    return (ConfigurationRecorders ?? []).map((recorder) => {
      const status = (ConfigurationRecordersStatus ?? []).find(
        (candidate) => candidate.name === recorder.name,
      );
      return {
        name: recorder.name ?? '',
        allSupported: recorder.recordingGroup?.allSupported ?? false,
        includeGlobalResourceTypes: recorder.recordingGroup?.includeGlobalResourceTypes ?? false,
        recordingStrategy: recorder.recordingGroup?.recordingStrategy?.useOnly ?? null,
        recording: status?.recording ?? false,
        // AWS answers Success/Failure/Pending; some emulators upper-case it.
        lastStatus: status?.lastStatus?.toUpperCase() ?? null,
      };
    });
  },
};

/** A region's GuardDuty detectors. */
export const guardDutyDetectors: RegionalCollector<'guardDutyDetectors'> = {
  scope: 'regional',
  apis: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  async collect(ctx, region) {
    const client = ctx.aws.get(GuardDutyClient, region);
    const ids: string[] = [];
    for await (const page of paginateListDetectors({ client }, {}))
      ids.push(...(page.DetectorIds ?? []));
    return Promise.all(
      ids.map(async (id): Promise<GuardDutyDetector> => {
        const detector = await client.send(new GetDetectorCommand({ DetectorId: id }));
        return {
          id,
          arn: `arn:${ctx.partition}:guardduty:${region}:${ctx.account}:detector/${id}`,
          status: detector.Status ?? 'DISABLED',
          features: (detector.Features ?? []).map((feature) => ({
            name: feature.Name ?? '',
            status: feature.Status ?? 'DISABLED',
          })),
        };
      }),
    );
  },
};

/** A region's KMS keys, described, with rotation status where rotation applies. */
export const kmsKeys: RegionalCollector<'kmsKeys'> = {
  scope: 'regional',
  apis: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus'],
  async collect(ctx, region) {
    const client = ctx.aws.get(KMSClient, region);
    const listed = await listKmsKeys(ctx, region);
    return Promise.all(
      listed.map(async ({ id, arn }): Promise<KmsKey> => {
        const details = await fetchDetail('kms:DescribeKey', region, async () => {
          const { KeyMetadata: key } = await client.send(new DescribeKeyCommand({ KeyId: id }));
          return {
            manager: key?.KeyManager ?? 'CUSTOMER',
            state: key?.KeyState ?? 'Unknown',
            spec: key?.KeySpec ?? 'SYMMETRIC_DEFAULT',
            origin: key?.Origin ?? 'AWS_KMS',
          };
        });
        // Automatic rotation exists only for enabled, customer-managed, symmetric keys with
        // key material from KMS.
        const rotates =
          details.ok &&
          details.data.manager === 'CUSTOMER' &&
          details.data.state === 'Enabled' &&
          details.data.spec === 'SYMMETRIC_DEFAULT' &&
          details.data.origin === 'AWS_KMS';
        const rotationEnabled = rotates
          ? await fetchDetail('kms:GetKeyRotationStatus', region, async () => {
              const answer = await client.send(new GetKeyRotationStatusCommand({ KeyId: id }));
              return answer.KeyRotationEnabled ?? false;
            })
          : null;
        return { id, arn, details, rotationEnabled };
      }),
    );
  },
};
