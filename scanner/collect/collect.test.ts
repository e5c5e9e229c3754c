import {
  DescribeFlowLogsCommand,
  DescribeRegionsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { CredentialsError, UsageError } from '../../lib/errors';
import { collectInventory } from './collect';

const ec2 = mockClient(EC2Client);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const cloudtrail = mockClient(CloudTrailClient);
const clock = fixedClock('2026-06-01T00:00:00Z');

function clients(): AwsClients {
  return new AwsClients({ maxAttempts: 1, env: {} });
}

beforeEach(() => {
  ec2.reset();
  s3.reset();
  sts.reset();
  cloudtrail.reset();
  cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/scanner' });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true }] });
  ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
});

describe('collectInventory', () => {
  test('discovers the enabled regions of the caller partition, minus exclusions', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'me-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'cn-north-1', OptInStatus: 'opt-in-not-required' },
      ],
    });
    const inventory = await collectInventory({
      aws: clients(),
      slices: ['vpcs'],
      homeRegion: 'us-east-1',
      excludedRegions: ['eu-west-1'],
      clock,
    });
    expect(inventory.regions).toEqual(['me-south-1', 'us-east-1']);
    expect(inventory).toMatchObject({
      account: '123456789012',
      partition: 'aws',
      globalRegion: 'us-east-1',
      format: 'pyjamas-inventory',
      version: 1,
    });
  });

  test('reads each regional slice once per region and each dependency once, global or regional', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'a', BucketRegion: 'us-east-1' },
        { Name: 'b', BucketRegion: 'us-east-1' },
      ],
    });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetBucketLoggingCommand).resolves({});
    await collectInventory({
      aws: clients(),
      slices: ['vpcs', 'vpcs', 'flowLogs', 'bucketPolicies', 'bucketLogging', 'trails'],
      homeRegion: 'us-east-1',
      regions: ['us-east-1', 'eu-west-1'],
      clock,
    });
    expect(ec2.commandCalls(DescribeVpcsCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeFlowLogsCommand)).toHaveLength(2);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(1);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(2);
    // bucketLogging reads the trails of both regions, the same reads the trails slice makes.
    expect(cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
  });

  test('records a denied read with its API and region and keeps the rest', async () => {
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), {
      name: 'UnauthorizedOperation',
      $metadata: { httpStatusCode: 403 },
    });
    ec2.on(DescribeFlowLogsCommand).rejects(denied);
    const inventory = await collectInventory({
      aws: clients(),
      slices: ['vpcs', 'flowLogs'],
      homeRegion: 'us-east-1',
      regions: ['us-east-1'],
      clock,
    });
    expect(inventory.regional['us-east-1']?.vpcs).toMatchObject({ ok: true });
    expect(inventory.regional['us-east-1']?.flowLogs).toEqual({
      ok: false,
      error: {
        api: 'ec2:DescribeFlowLogs',
        region: 'us-east-1',
        name: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      },
    });
  });

  test('records every detail of a slice whose dependency failed with the dependency error', async () => {
    s3.on(ListBucketsCommand).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: {} }),
    );
    const inventory = await collectInventory({
      aws: clients(),
      slices: ['bucketPolicies'],
      homeRegion: 'us-east-1',
      regions: ['us-east-1'],
      clock,
    });
    expect(inventory.global.bucketPolicies).toMatchObject({
      ok: false,
      error: { api: 's3:ListBuckets', name: 'AccessDenied' },
    });
    expect(inventory.global.buckets).toMatchObject({ ok: false });
  });

  test('fails with a credentials error when the caller cannot be identified', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('The security token included in the request is invalid.'), {
        name: 'InvalidClientTokenId',
        $metadata: {},
      }),
    );
    await expect(
      collectInventory({
        aws: clients(),
        slices: ['vpcs'],
        homeRegion: 'us-east-1',
        regions: ['us-east-1'],
        clock,
      }),
    ).rejects.toThrow(CredentialsError);
  });

  test('asks for --regions when the regions cannot be listed', async () => {
    ec2
      .on(DescribeRegionsCommand)
      .rejects(
        Object.assign(new Error('denied'), { name: 'UnauthorizedOperation', $metadata: {} }),
      );
    await expect(
      collectInventory({ aws: clients(), slices: ['vpcs'], homeRegion: 'us-east-1', clock }),
    ).rejects.toThrow(/name them with --regions/);
  });

  test('refuses to scan when exclusions leave no region', async () => {
    await expect(
      collectInventory({
        aws: clients(),
        slices: ['vpcs'],
        homeRegion: 'us-east-1',
        regions: ['us-east-1'],
        excludedRegions: ['us-east-1'],
        clock,
      }),
    ).rejects.toThrow(UsageError);
  });
});
