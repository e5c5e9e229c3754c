import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListCommandsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { appendManifest } from '../core/custody-chain';
import { LocalEvidenceStore, S3EvidenceStore } from '../core/evidence';
import type { StepRecord } from '../core/step';
import { describeFinish } from './read';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
const INSTANCE = 'i-0123456789abcdef0';
const OWNER = '111122223333';
const MEMBER = '444455556666';
const evidence = (account?: string) =>
  new S3EvidenceStore(aws, 'evidence', 'us-east-1', {
    clock: fixedClock('2026-01-31T12:00:00Z'),
    expectedOwner: OWNER,
    ...(account ? { account } : {}),
  });
const request = {
  region: 'us-east-1',
  caseId: 'IR-42',
  instanceId: INSTANCE,
  evidence: evidence(),
};

function step(
  id: string,
  action: StepRecord['action'],
  output: Record<string, string>,
  input: Record<string, string> = {},
): StepRecord {
  return { id, action, region: 'us-east-1', reason: 'r', input, status: 'done', output };
}

/** The upload `forensics finish-memory-capture` started for `key`, as its record names it. */
const uploadStarted = (key: string, uploadId: string) =>
  step('create-memory-upload', 's3:PutObject', { UploadId: uploadId }, { Key: key });

/** Files one run of `responder` on the instance, sealed in the case's chain as respond does. */
async function fileRun(
  store: LocalEvidenceStore,
  runId: string,
  responder: string,
  steps: readonly StepRecord[],
): Promise<void> {
  const target = { type: 'AwsEc2Instance', id: INSTANCE, arn: 'a', region: 'r', account: '1' };
  const record = await store.put(
    `cases/IR-42/runs/${runId}/run-record.json`,
    new TextEncoder().encode(JSON.stringify({ responder, target, steps })),
    'application/json',
  );
  await appendManifest(store, {
    caseId: 'IR-42',
    runId,
    artifacts: [record],
    clock: fixedClock('2026-01-31T12:00:00Z'),
  });
}

function volume(volumeId: string): object {
  return {
    VolumeId: volumeId,
    State: 'in-use',
    Attachments: [{ InstanceId: INSTANCE, Device: '/dev/sdp', State: 'attached' }],
  };
}

beforeEach(() => {
  for (const mock of [ec2, ssm, s3]) mock.reset();
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      { OwnerId: '123456789012', Instances: [{ InstanceId: INSTANCE, InstanceType: 't3.large' }] },
    ],
  });
  ec2
    .on(DescribeInstanceTypesCommand)
    .resolves({ InstanceTypes: [{ InstanceType: 't3.large', MemoryInfo: { SizeInMiB: 8192 } }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  s3.on(ListObjectsV2Command).resolves({ Contents: [] });
  ssm.on(ListCommandsCommand).callsFake((input: { CommandId?: string }) =>
    Promise.resolve({
      Commands: [
        {
          CommandId: input.CommandId,
          InstanceIds: [INSTANCE],
          Status: input.CommandId === 'cmd-upload' ? 'InProgress' : 'Success',
          RequestedDateTime: new Date('2026-01-31T12:00:00Z'),
        },
      ],
    }),
  );
  // Any volume asked for exists and is attached: what counts is which ids are asked for.
  ec2
    .on(DescribeVolumesCommand)
    .callsFake((input: { Filters?: { Values?: string[] }[] }) =>
      Promise.resolve({ Volumes: (input.Filters?.[0]?.Values ?? []).map(volume) }),
    );
});

describe("finish-memory-capture reads only what the case's records name", () => {
  test('the capture, the upload and the scratch volume come from the isolation and finishing records, by id', async () => {
    const records = new LocalEvidenceStore(await mkdtemp(join(tmpdir(), 'pyjamas-finish-')));
    await fileRun(records, 'run-1', 'isolate-ec2-instance', [
      step('create-memory-scratch-volume', 'ec2:CreateVolume', { VolumeId: 'vol-scratch' }),
      step('start-memory-capture', 'ssm:SendCommand', { CommandId: 'cmd-capture' }),
    ]);
    await fileRun(records, 'run-2', 'finish-memory-capture', [
      step('send-memory-upload', 'ssm:SendCommand', { CommandId: 'cmd-upload' }),
    ]);

    const described = await describeFinish(aws, { ...request, records: [records] });

    expect(described.capture).toEqual({ commandId: 'cmd-capture', status: 'Success' });
    expect(described.upload).toEqual({ commandId: 'cmd-upload', status: 'InProgress' });
    expect(described.scratch).toEqual({
      volumeId: 'vol-scratch',
      state: 'in-use',
      attachedTo: INSTANCE,
      device: '/dev/sdp',
    });
    expect(
      ssm.commandCalls(ListCommandsCommand).map((call) => call.args[0].input.CommandId),
    ).toEqual(['cmd-capture', 'cmd-upload']);
    // Never by tag: a suspect disk tagged as scratch would be detached and deleted.
    const filters = ec2
      .commandCalls(DescribeVolumesCommand)
      .flatMap((call) => call.args[0].input.Filters ?? []);
    expect(filters).toEqual([{ Name: 'volume-id', Values: ['vol-scratch'] }]);
  });

  test('without records it finds no capture, whatever commands or tags the account holds', async () => {
    const described = await describeFinish(aws, {
      ...request,
      records: [new LocalEvidenceStore(await mkdtemp(join(tmpdir(), 'pyjamas-finish-')))],
    });
    expect(described.capture).toBeUndefined();
    expect(described.scratch).toBeUndefined();
    expect(ssm.commandCalls(ListCommandsCommand)).toEqual([]);
    expect(ec2.commandCalls(DescribeVolumesCommand)).toEqual([]);
  });

  test('records that cannot be read become a problem in words, not a failed read', async () => {
    const refusing = {
      location: 's3://refusing',
      list: () => Promise.reject(new Error('AccessDenied')),
    } as unknown as LocalEvidenceStore;
    const described = await describeFinish(aws, { ...request, records: [refusing] });
    expect(described.capture).toBeUndefined();
    expect(described.recordProblems?.[0]).toMatch(
      /the case's manifests in s3:\/\/refusing could not be read/,
    );
  });
});

describe('finish-memory-capture reads the image where the evidence store keeps the case', () => {
  const image = (prefix: string) => `${prefix}IR-42/memory/${INSTANCE}/20260131T120000Z.lime`;
  const recordsOf = async (...steps: StepRecord[]) => {
    const records = new LocalEvidenceStore(await mkdtemp(join(tmpdir(), 'pyjamas-finish-')));
    await fileRun(records, 'run-1', 'finish-memory-capture', steps);
    return [records];
  };

  beforeEach(() => {
    s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) =>
      Promise.resolve({
        Contents: [{ Key: `${input.Prefix ?? ''}20260131T120000Z.lime.part-sha256` }],
      }),
    );
    s3.on(GetObjectCommand).resolves({
      Body: { transformToString: () => Promise.resolve('') },
    } as never);
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
    s3.on(ListPartsCommand).resolves({ Parts: [] });
  });

  test.each([
    ['its own bucket', undefined, 'cases/'],
    ['the central bucket, as a member account', MEMBER, `cases/${MEMBER}/`],
  ])('in %s, under the case prefix the store maps to', async (_name, account, prefix) => {
    const described = await describeFinish(aws, {
      ...request,
      evidence: evidence(account),
      records: await recordsOf(uploadStarted(image(prefix), 'upload-1')),
    });

    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Prefix).toBe(
      `${prefix}IR-42/memory/${INSTANCE}/`,
    );
    expect(described.imageKey).toBe(image(prefix));
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.Key).toBe(image(prefix));
    expect(s3.commandCalls(ListPartsCommand)[0]?.args[0].input.Key).toBe(image(prefix));
    expect(described.openUploadId).toBe('upload-1');
  });

  test('the open upload is the newest one on record that S3 still has, asked by id and never by listing the bucket', async () => {
    s3.on(ListPartsCommand, { UploadId: 'upload-2' }).rejects(
      Object.assign(new Error('gone'), { name: 'NoSuchUpload' }),
    );
    const records = await recordsOf(
      uploadStarted(image('cases/'), 'upload-1'),
      uploadStarted(image('cases/'), 'upload-2'),
      uploadStarted('cases/IR-42/memory/i-other/x.lime', 'upload-3'),
    );

    const described = await describeFinish(aws, { ...request, records });

    expect(described.openUploadId).toBe('upload-1');
    expect(s3.commandCalls(ListPartsCommand).map((call) => call.args[0].input.UploadId)).toEqual([
      'upload-2',
      'upload-1',
    ]);
  });

  test('without a recorded upload S3 still has, there is no open upload to resume', async () => {
    s3.on(ListPartsCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchUpload' }));
    const described = await describeFinish(aws, {
      ...request,
      records: await recordsOf(uploadStarted(image('cases/'), 'upload-1')),
    });
    expect(described.openUploadId).toBeUndefined();
  });

  test('every S3 read sends the owner the evidence store requires', async () => {
    const described = await describeFinish(aws, {
      ...request,
      records: await recordsOf(uploadStarted(image('cases/'), 'upload-1')),
    });

    expect(described.expectedOwner).toBe(OWNER);
    const calls = [
      ...s3.commandCalls(ListObjectsV2Command),
      ...s3.commandCalls(GetObjectCommand),
      ...s3.commandCalls(HeadObjectCommand),
      ...s3.commandCalls(ListPartsCommand),
    ];
    expect(calls).toHaveLength(4);
    expect(calls.map((call) => call.args[0].input.ExpectedBucketOwner)).toEqual(
      calls.map(() => OWNER),
    );
  });
});
