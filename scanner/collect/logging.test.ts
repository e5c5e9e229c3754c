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
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { configRecorders, guardDutyDetectors, trails } from './logging';

const cloudtrail = mockClient(CloudTrailClient);
const config = mockClient(ConfigServiceClient);
const guardduty = mockClient(GuardDutyClient);

beforeEach(() => {
  cloudtrail.reset();
  config.reset();
  guardduty.reset();
});

const awsError = (name: string) =>
  Object.assign(new Error(`${name} from AWS`), { name, $metadata: { httpStatusCode: 400 } });

/** The region of the client a recorded call was sent with. */
const regionOf = (call: { thisValue: unknown }) =>
  (call.thisValue as CloudTrailClient).config.region();

const MAIN: SdkTrail = {
  Name: 'main',
  TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  S3BucketName: 'trail-logs',
  LogFileValidationEnabled: true,
};

describe('the trail collector', () => {
  test('reads the status and selectors of a multi-region trail once, in its home region, however many regions list it', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [MAIN] });
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    cloudtrail
      .on(GetEventSelectorsCommand)
      .resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const ctx = collectContext();
    const [home, shadow] = await Promise.all([
      trails.collect(ctx, 'us-east-1'),
      trails.collect(ctx, 'eu-west-1'),
    ]);
    expect(shadow).toEqual(home);
    expect(home).toEqual([
      {
        name: 'main',
        arn: MAIN.TrailARN,
        homeRegion: 'us-east-1',
        isMultiRegion: true,
        isOrganizationTrail: false,
        includeGlobalServiceEvents: false,
        logFileValidationEnabled: true,
        kmsKeyId: null,
        s3BucketName: 'trail-logs',
        cloudWatchLogsLogGroupArn: null,
        status: { ok: true, data: { isLogging: true, latestDeliveryError: null } },
        eventSelectors: {
          ok: true,
          data: { basic: [expect.objectContaining({ readWriteType: 'All' })], advanced: [] },
        },
      },
    ]);
    const listings = cloudtrail.commandCalls(DescribeTrailsCommand, { includeShadowTrails: true });
    expect(await Promise.all(listings.map(regionOf))).toEqual(['us-east-1', 'eu-west-1']);
    const status = cloudtrail.commandCalls(GetTrailStatusCommand);
    const selectors = cloudtrail.commandCalls(GetEventSelectorsCommand);
    expect(status.map((call) => call.args[0].input)).toEqual([{ Name: MAIN.TrailARN }]);
    expect(selectors.map((call) => call.args[0].input)).toEqual([{ TrailName: MAIN.TrailARN }]);
    expect(await Promise.all([...status, ...selectors].map(regionOf))).toEqual([
      'us-east-1',
      'us-east-1',
    ]);
  });

  test('normalises basic and advanced event selectors', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [MAIN] });
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    cloudtrail.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [
        {
          ReadWriteType: 'WriteOnly',
          IncludeManagementEvents: true,
          ExcludeManagementEventSources: ['kms.amazonaws.com'],
        },
        { DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::data/'] }] },
      ],
      AdvancedEventSelectors: [
        {
          Name: 'management',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
        {
          FieldSelectors: [
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'], StartsWith: ['s3'] },
          ],
        },
      ],
    });
    const [trail] = await trails.collect(collectContext(), 'us-east-1');
    const empty = {
      equals: [],
      notEquals: [],
      startsWith: [],
      notStartsWith: [],
      endsWith: [],
      notEndsWith: [],
    };
    expect(trail?.eventSelectors).toEqual({
      ok: true,
      data: {
        basic: [
          {
            readWriteType: 'WriteOnly',
            includeManagementEvents: true,
            excludeManagementEventSources: ['kms.amazonaws.com'],
            dataResources: [],
          },
          {
            readWriteType: 'All',
            includeManagementEvents: true,
            excludeManagementEventSources: [],
            dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::data/'] }],
          },
        ],
        advanced: [
          {
            name: 'management',
            fieldSelectors: [
              { ...empty, field: 'eventCategory', equals: ['Management'] },
              { ...empty, field: 'readOnly', equals: ['false'] },
            ],
          },
          {
            name: null,
            fieldSelectors: [
              {
                ...empty,
                field: 'eventSource',
                notEquals: ['kms.amazonaws.com'],
                startsWith: ['s3'],
              },
            ],
          },
        ],
      },
    });
  });

  test('records a status that could not be read as an error on that trail only', async () => {
    const other: SdkTrail = {
      ...MAIN,
      Name: 'other',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/other',
      KmsKeyId: 'alias/trail',
    };
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [MAIN, other] });
    cloudtrail
      .on(GetTrailStatusCommand, { Name: MAIN.TrailARN })
      .rejects(awsError('AccessDeniedException'));
    cloudtrail
      .on(GetTrailStatusCommand, { Name: other.TrailARN })
      .resolves({ IsLogging: false, LatestDeliveryError: 'AccessDenied' });
    cloudtrail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    const [main, second] = await trails.collect(collectContext(), 'us-east-1');
    expect(main?.status).toEqual({
      ok: false,
      error: {
        api: 'cloudtrail:GetTrailStatus',
        region: 'us-east-1',
        name: 'AccessDeniedException',
        message: 'AccessDeniedException from AWS',
      },
    });
    expect(main?.eventSelectors).toEqual({ ok: true, data: { basic: [], advanced: [] } });
    expect(second).toMatchObject({
      kmsKeyId: 'alias/trail',
      status: { ok: true, data: { isLogging: false, latestDeliveryError: 'AccessDenied' } },
    });
  });
});

describe('the Config recorder collector', () => {
  test('merges each recorder with its status by name', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        {
          name: 'default',
          recordingGroup: {
            allSupported: true,
            includeGlobalResourceTypes: true,
            recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
          },
        },
        {
          name: 'partial',
          recordingGroup: {
            allSupported: false,
            resourceTypes: ['AWS::EC2::Instance'],
            recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
          },
        },
        { name: 'unknown' },
      ],
    });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [
        { name: 'partial', recording: false, lastStatus: 'Pending' },
        { name: 'default', recording: true, lastStatus: 'Failure' },
      ],
    });
    await expect(configRecorders.collect(collectContext(), 'eu-west-1')).resolves.toEqual([
      {
        name: 'default',
        allSupported: true,
        includeGlobalResourceTypes: true,
        recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
        recording: true,
        lastStatus: 'FAILURE',
      },
      {
        name: 'partial',
        allSupported: false,
        includeGlobalResourceTypes: false,
        recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
        recording: false,
        lastStatus: 'PENDING',
      },
      {
        name: 'unknown',
        allSupported: false,
        includeGlobalResourceTypes: false,
        recordingStrategy: null,
        recording: false,
        lastStatus: null,
      },
    ]);
  });
});

describe('the GuardDuty detector collector', () => {
  test('lists detectors over every page and reads each with GetDetector', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'], NextToken: 'page-2' });
    guardduty.on(ListDetectorsCommand, { NextToken: 'page-2' }).resolves({ DetectorIds: ['d2'] });
    guardduty.on(GetDetectorCommand, { DetectorId: 'd1' }).resolves({
      Status: 'ENABLED',
      ServiceRole: 'role',
      Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }],
    });
    guardduty
      .on(GetDetectorCommand, { DetectorId: 'd2' })
      .resolves({ Status: 'DISABLED', ServiceRole: 'role' });
    await expect(guardDutyDetectors.collect(collectContext(), 'eu-west-1')).resolves.toEqual([
      {
        id: 'd1',
        arn: 'arn:aws:guardduty:eu-west-1:123456789012:detector/d1',
        status: 'ENABLED',
        features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }],
      },
      {
        id: 'd2',
        arn: 'arn:aws:guardduty:eu-west-1:123456789012:detector/d2',
        status: 'DISABLED',
        features: [],
      },
    ]);
    expect(guardduty.commandCalls(ListDetectorsCommand)).toHaveLength(2);
  });
});
