import {
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { failed } from '../../test/fixtures/inventory';
import { bucket, trail } from '../../test/fixtures/resources';
import { SliceUnavailable } from './collector';
import {
  accountPublicAccessBlock,
  bucketLogging,
  bucketPolicies,
  bucketPublicAccessBlocks,
  buckets,
} from './s3';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);

beforeEach(() => {
  s3.reset();
  s3control.reset();
});

/** An error as the SDK raises it for an AWS error code. */
const awsError = (name: string) =>
  Object.assign(new Error(`${name} from AWS`), { name, $metadata: { httpStatusCode: 403 } });

/** The region of the client a recorded call was sent with. */
const regionOf = (call: { thisValue: unknown }) => (call.thisValue as S3Client).config.region();

const TWO_BUCKETS = { buckets: [bucket('alpha'), bucket('beta', 'eu-west-1')] };

describe('the bucket list collector', () => {
  test('reads every page of ListBuckets', async () => {
    const created = new Date('2026-01-02T03:04:05.000Z');
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'alpha', BucketRegion: 'us-east-1', CreationDate: created }],
      ContinuationToken: 'page-2',
    });
    s3.on(ListBucketsCommand, { ContinuationToken: 'page-2' }).resolves({
      Buckets: [{ Name: 'beta', BucketRegion: 'eu-west-1' }],
    });
    await expect(buckets.collect(collectContext())).resolves.toEqual([
      {
        name: 'alpha',
        arn: 'arn:aws:s3:::alpha',
        region: 'us-east-1',
        createdAt: '2026-01-02T03:04:05.000Z',
      },
      { name: 'beta', arn: 'arn:aws:s3:::beta', region: 'eu-west-1', createdAt: null },
    ]);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
  });

  test('asks GetBucketLocation only for buckets listed without their region, reading its legacy answers', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'listed', BucketRegion: 'ap-south-1' },
        { Name: 'virginia' },
        { Name: 'ireland' },
        { Name: 'frankfurt' },
      ],
    });
    s3.on(GetBucketLocationCommand, { Bucket: 'virginia' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'ireland' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'frankfurt' }).resolves({
      LocationConstraint: 'eu-central-1',
    });
    const list = await buckets.collect(collectContext());
    expect(list.map(({ name, region }) => [name, region])).toEqual([
      ['listed', 'ap-south-1'],
      ['virginia', 'us-east-1'],
      ['ireland', 'eu-west-1'],
      ['frankfurt', 'eu-central-1'],
    ]);
    expect(
      s3.commandCalls(GetBucketLocationCommand).map((call) => call.args[0].input.Bucket),
    ).toEqual(['virginia', 'ireland', 'frankfurt']);
  });
});

describe('the per-bucket detail collectors', () => {
  test('turn a bucket whose policy is denied into an error entry and read the other buckets, each in its region', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::beta/*',
      },
    };
    s3.on(GetBucketPolicyCommand, { Bucket: 'alpha' }).rejects(awsError('AccessDenied'));
    s3.on(GetBucketPolicyCommand, { Bucket: 'beta' }).resolves({ Policy: JSON.stringify(policy) });
    await expect(bucketPolicies.collect(collectContext(TWO_BUCKETS))).resolves.toEqual({
      alpha: {
        ok: false,
        error: {
          api: 's3:GetBucketPolicy',
          region: 'us-east-1',
          name: 'AccessDenied',
          message: 'AccessDenied from AWS',
        },
      },
      beta: { ok: true, data: { Version: '2012-10-17', Statement: [policy.Statement] } },
    });
    const calls = s3.commandCalls(GetBucketPolicyCommand);
    expect(await Promise.all(calls.map(regionOf))).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('read a bucket without a policy (NoSuchBucketPolicy) as no policy', async () => {
    s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy'));
    await expect(bucketPolicies.collect(collectContext(TWO_BUCKETS))).resolves.toEqual({
      alpha: { ok: true, data: null },
      beta: { ok: true, data: null },
    });
  });

  test('read a bucket without Block Public Access (NoSuchPublicAccessBlockConfiguration) as none, and default unset settings to off', async () => {
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'alpha' }).rejects(
      awsError('NoSuchPublicAccessBlockConfiguration'),
    );
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'beta' }).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true },
    });
    await expect(bucketPublicAccessBlocks.collect(collectContext(TWO_BUCKETS))).resolves.toEqual({
      alpha: { ok: true, data: null },
      beta: {
        ok: true,
        data: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: false,
        },
      },
    });
  });

  const TRAILS_TO_BOTH = {
    'us-east-1': { trails: [trail('main', { s3BucketName: 'alpha' })] },
    'eu-west-1': { trails: [trail('eu', { s3BucketName: 'beta' })] },
  };

  test('read server access logging as its target, or null when it is off', async () => {
    s3.on(GetBucketLoggingCommand, { Bucket: 'alpha' }).resolves({
      LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'alpha/' },
    });
    s3.on(GetBucketLoggingCommand, { Bucket: 'beta' }).resolves({});
    await expect(
      bucketLogging.collect(collectContext(TWO_BUCKETS, TRAILS_TO_BOTH)),
    ).resolves.toEqual({
      alpha: { ok: true, data: { targetBucket: 'logs', targetPrefix: 'alpha/' } },
      beta: { ok: true, data: null },
    });
  });

  test('read logging only of the buckets a trail of a scanned region delivers to', async () => {
    s3.on(GetBucketLoggingCommand).resolves({});
    const onlyAlpha = {
      'us-east-1': { trails: [trail('main', { s3BucketName: 'alpha' })] },
      'eu-west-1': { trails: [] },
    };
    await expect(bucketLogging.collect(collectContext(TWO_BUCKETS, onlyAlpha))).resolves.toEqual({
      alpha: { ok: true, data: null },
    });
    expect(s3.commandCalls(GetBucketLoggingCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'alpha' },
    ]);
  });

  test("fail with the bucket list's error when the bucket list could not be read", async () => {
    const listError = failed('s3:ListBuckets');
    const collecting = bucketLogging.collect(
      collectContext({ buckets: listError }, TRAILS_TO_BOTH),
    );
    await expect(collecting).rejects.toBeInstanceOf(SliceUnavailable);
    await expect(collecting).rejects.toMatchObject({ error: listError.error });
    expect(s3.commandCalls(GetBucketLoggingCommand)).toHaveLength(0);
  });

  test("fail with the trails' error when a region's trails could not be read", async () => {
    const trailsError = failed('cloudtrail:DescribeTrails');
    const collecting = bucketLogging.collect(
      collectContext(TWO_BUCKETS, { ...TRAILS_TO_BOTH, 'eu-west-1': { trails: trailsError } }),
    );
    await expect(collecting).rejects.toMatchObject({ error: trailsError.error });
    expect(s3.commandCalls(GetBucketLoggingCommand)).toHaveLength(0);
  });
});

describe('the account Block Public Access collector', () => {
  test('reads the account setting through S3 Control with the account id', async () => {
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: false,
      },
    });
    await expect(accountPublicAccessBlock.collect(collectContext())).resolves.toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: false,
    });
    expect(
      s3control.commandCalls(GetAccountPublicAccessBlockCommand, { AccountId: '123456789012' }),
    ).toHaveLength(1);
  });

  test('reads an account without the setting (NoSuchPublicAccessBlockConfiguration) as none', async () => {
    s3control
      .on(GetAccountPublicAccessBlockCommand)
      .rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
    await expect(accountPublicAccessBlock.collect(collectContext())).resolves.toBeNull();
  });

  test('lets any other error fail the slice', async () => {
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied'));
    await expect(accountPublicAccessBlock.collect(collectContext())).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});
