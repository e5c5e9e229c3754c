import { mockClient } from 'aws-sdk-client-mock';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeInstancesCommand,
  DescribeLockedSnapshotsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type DescribeSnapshotsCommandInput,
  GetConsoleOutputCommand,
} from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  DescribeInstanceInformationCommand,
  ListCommandsCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../../lib/aws/clients';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { appendManifest } from '../core/custody-chain';
import { LocalEvidenceStore, S3EvidenceStore } from '../core/evidence';
import type { StepRecord } from '../core/step';
import { isolationOptions, runningWebServer } from '../../test/fixtures/isolation-plans';
import { describeInstance, type ReadRequest } from './read';
import { isolationResponder } from './responder';

const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const autoscaling = mockClient(AutoScalingClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);
const ssm = mockClient(SSMClient);
const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
/** The evidence bucket of account 111122223333, holding `account`'s cases when given. */
const evidenceBucket = (account?: string) =>
  new S3EvidenceStore(aws, 'evidence', 'us-east-1', {
    clock: fixedClock('2026-01-31T12:00:00Z'),
    expectedOwner: '111122223333',
    ...(account ? { account } : {}),
  });
const request: ReadRequest = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  caseId: 'IR-42',
};
const notFound = (name: string) => Object.assign(new Error(name), { name });
const tag = (component: string) => [{ Key: 'pyjamas:component', Value: component }];

/** The record of a CreateSnapshots step that made `snapshotId` of `volumeId`. */
function snapshotStep(snapshotId: string, volumeId: string): StepRecord {
  return {
    id: 'snapshot-volumes',
    action: 'ec2:CreateSnapshots',
    region: 'us-east-1',
    reason: 'r',
    input: {},
    status: 'done',
    output: { snapshotsByVolume: { [volumeId]: snapshotId } },
  };
}

/** Files one earlier run of the case on the instance, sealed in the case's chain like respond does. */
async function fileRun(
  store: LocalEvidenceStore,
  runId: string,
  steps: readonly StepRecord[],
  preState: unknown = { volumes: [] },
): Promise<void> {
  const target = {
    type: 'AwsEc2Instance',
    id: request.instanceId,
    arn: 'a',
    region: 'r',
    account: '1',
  };
  const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const start = await store.put(
    `cases/IR-42/runs/${runId}/run-start.json`,
    body({ responder: 'isolate-ec2-instance', target, preState }),
    'application/json',
  );
  const record = await store.put(
    `cases/IR-42/runs/${runId}/run-record.json`,
    body({ responder: 'isolate-ec2-instance', target, steps }),
    'application/json',
  );
  await appendManifest(store, {
    caseId: 'IR-42',
    runId,
    artifacts: [start, record],
    clock: fixedClock('2026-01-30T00:00:00Z'),
  });
}

/** Files the start of a run that was killed before it filed its record. */
async function fileInterruptedRun(
  store: LocalEvidenceStore,
  runId: string,
  sealed = true,
): Promise<void> {
  const start = await store.put(
    `cases/IR-42/runs/${runId}/run-start.json`,
    new TextEncoder().encode(
      JSON.stringify({
        runId,
        responder: 'isolate-ec2-instance',
        target: { type: 'AwsEc2Instance', id: request.instanceId },
        startedAt: '2026-01-30T10:00:00.000Z',
        plan: [
          {
            id: 'snapshot-volumes',
            action: 'ec2:CreateSnapshots',
            input: { InstanceSpecification: { InstanceId: request.instanceId } },
          },
        ],
        preState: { volumes: [{ volumeId: 'vol-1', boot: true }] },
      }),
    ),
    'application/json',
  );
  if (!sealed) return;
  await appendManifest(store, {
    caseId: 'IR-42',
    runId,
    artifacts: [start],
    clock: fixedClock('2026-01-30T10:00:00Z'),
  });
}

async function caseFolder(): Promise<LocalEvidenceStore> {
  return new LocalEvidenceStore(await mkdtemp(join(tmpdir(), 'pyjamas-records-')));
}

beforeEach(() => {
  for (const mock of [ec2, iam, autoscaling, elbv2, elb, ssm, s3]) mock.reset();
  ec2.onAnyCommand().resolves({});
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        OwnerId: '123456789012',
        Instances: [
          {
            InstanceId: request.instanceId,
            State: { Name: 'running' },
            VpcId: 'vpc-1',
            RootDeviceName: '/dev/xvda',
            BlockDeviceMappings: [
              { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', DeleteOnTermination: true } },
            ],
          },
        ],
      },
    ],
  });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-2',
        VpcId: 'vpc-1',
        SubnetId: 'subnet-1',
        Attachment: { DeviceIndex: 1 },
        Groups: [{ GroupId: 'sg-web' }],
        PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.6' }],
      },
      {
        NetworkInterfaceId: 'eni-1',
        VpcId: 'vpc-1',
        SubnetId: 'subnet-1',
        Attachment: { DeviceIndex: 0 },
        Groups: [{ GroupId: 'sg-web' }],
        PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5' }],
      },
    ],
  });
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      {
        GroupId: 'sg-iso',
        GroupName: 'iso',
        VpcId: 'vpc-1',
        Tags: tag('isolation-security-group'),
        IpPermissions: [],
        IpPermissionsEgress: [],
      },
      {
        GroupId: 'sg-other',
        GroupName: 'iso',
        VpcId: 'vpc-2',
        Tags: tag('isolation-security-group'),
      },
    ],
  });
  ec2.on(GetConsoleOutputCommand).resolves({ Output: Buffer.from('login:').toString('base64') });
  autoscaling.on(DescribeAutoScalingInstancesCommand).resolves({ AutoScalingInstances: [] });
  autoscaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      { TargetGroupArn: 'arn:tg/by-instance/1', VpcId: 'vpc-1', TargetType: 'instance' },
      { TargetGroupArn: 'arn:tg/by-ip/2', VpcId: 'vpc-1', TargetType: 'ip' },
      { TargetGroupArn: 'arn:tg/elsewhere/3', VpcId: 'vpc-9', TargetType: 'instance' },
    ],
  });
  elbv2.on(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:tg/by-instance/1' }).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: request.instanceId, Port: 80 }, TargetHealth: { State: 'draining' } },
    ],
  });
  elbv2.on(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:tg/by-ip/2' }).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: '10.0.0.6', Port: 8080 }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: '10.9.9.9' }, TargetHealth: { State: 'healthy' } },
    ],
  });
  elb.onAnyCommand().resolves({
    LoadBalancerDescriptions: [
      { LoadBalancerName: 'legacy', Instances: [{ InstanceId: request.instanceId }] },
    ],
  });
  iam.on(GetInstanceProfileCommand).resolves({
    InstanceProfile: {
      Arn: 'arn:aws:iam::1:instance-profile/pyjamas-quarantine',
      Roles: [{ RoleName: 'q' } as never],
      Tags: tag('quarantine-instance-profile'),
    } as never,
  });
});

describe('describeInstance', () => {
  test('describes interfaces in device order, the VPC groups, registrations that still take traffic and the console', async () => {
    const described = await describeInstance(aws, request);
    expect(described.networkInterfaces.map((eni) => eni.networkInterfaceId)).toEqual([
      'eni-1',
      'eni-2',
    ]);
    expect(described.groups).toEqual({
      'vpc-1': {
        isolation: {
          groupId: 'sg-iso',
          groupName: 'iso',
          vpcId: 'vpc-1',
          ingressRules: 0,
          egressRules: 0,
          allowsAllTraffic: false,
        },
      },
    });
    expect(described.targetGroups).toEqual([
      { targetGroupArn: 'arn:tg/by-ip/2', targets: [{ Id: '10.0.0.6', Port: 8080 }] },
    ]);
    expect(described.classicLoadBalancers).toEqual(['legacy']);
    expect(described.volumes).toEqual([
      {
        volumeId: 'vol-1',
        boot: true,
        deviceName: '/dev/xvda',
        deleteOnTermination: true,
        state: 'in-use',
        tags: {},
      },
    ]);
    expect(described.consoleOutput).toBe('login:');
    expect(described.account).toBe('123456789012');
    expect(
      elbv2
        .commandCalls(DescribeTargetHealthCommand)
        .map((call) => call.args[0].input.TargetGroupArn),
    ).not.toContain('arn:tg/elsewhere/3');
  });

  test('an instance that does not exist is a usage error naming the region', async () => {
    ec2.on(DescribeInstancesCommand).rejects(notFound('InvalidInstanceID.NotFound'));
    await expect(describeInstance(aws, request)).rejects.toThrow(
      'instance i-0123456789abcdef0 does not exist in us-east-1',
    );
  });

  test('refuses a quarantine profile that neither it nor its role is tagged as such', async () => {
    iam.on(GetInstanceProfileCommand).resolves({
      InstanceProfile: {
        Arn: 'arn:p',
        Roles: [{ RoleName: 'admin' } as never],
        Tags: [],
      } as never,
    });
    iam.on(GetRoleCommand).resolves({ Role: { Tags: [] } as never });
    await expect(describeInstance(aws, request)).rejects.toThrow(
      /is not tagged pyjamas:component=quarantine-instance-profile/,
    );
  });

  test('accepts a quarantine profile whose role carries the tag', async () => {
    iam.on(GetInstanceProfileCommand).resolves({
      InstanceProfile: { Arn: 'arn:p', Roles: [{ RoleName: 'q' } as never], Tags: [] } as never,
    });
    iam
      .on(GetRoleCommand)
      .resolves({ Role: { Tags: tag('quarantine-instance-profile') } as never });
    expect((await describeInstance(aws, request)).quarantineProfile).toEqual({
      arn: 'arn:p',
      name: 'pyjamas-quarantine',
      roleNames: ['q'],
    });
  });

  test('without the default quarantine profile the read goes on: containment never waits on the module', async () => {
    iam.on(GetInstanceProfileCommand).rejects(notFound('NoSuchEntity'));
    expect((await describeInstance(aws, request)).quarantineProfile).toBeUndefined();
  });

  test('a quarantine profile the operator named must exist', async () => {
    iam.on(GetInstanceProfileCommand).rejects(notFound('NoSuchEntity'));
    await expect(
      describeInstance(aws, { ...request, quarantineProfileName: 'my-quarantine' }),
    ).rejects.toThrow(
      /quarantine instance profile my-quarantine does not exist: name an existing one/,
    );
  });

  test('two isolation groups tagged in one VPC must be chosen between', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [1, 2].map((n) => ({
        GroupId: `sg-${n}`,
        VpcId: 'vpc-1',
        Tags: tag('isolation-security-group'),
      })),
    });
    await expect(describeInstance(aws, request)).rejects.toThrow(
      /several groups in vpc-1 are tagged .* choose one with --isolation-group/,
    );
  });

  test('a named group outside the instance VPC is refused', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand, { GroupIds: ['sg-0123456789abcdef0'] })
      .resolves({ SecurityGroups: [{ GroupId: 'sg-0123456789abcdef0', VpcId: 'vpc-9' }] });
    await expect(
      describeInstance(aws, { ...request, isolationGroupId: 'sg-0123456789abcdef0' }),
    ).rejects.toThrow(
      /--isolation-group sg-0123456789abcdef0 is not a security group in the instance's VPC/,
    );
  });

  test('reads locks, revocations, SSM and the capture tool only when the options need them', async () => {
    await describeInstance(aws, request);
    expect(ec2.commandCalls(DescribeLockedSnapshotsCommand)).toEqual([]);
    expect(ssm.calls()).toEqual([]);
    expect(s3.calls()).toEqual([]);

    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        { SnapshotId: 'snap-1', VolumeId: 'vol-1', State: 'completed' },
        { SnapshotId: 'snap-bad', VolumeId: 'vol-1', State: 'error' },
      ],
    });
    ec2
      .on(DescribeLockedSnapshotsCommand)
      .resolves({ Snapshots: [{ SnapshotId: 'snap-1', LockState: 'compliance' }] });
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [{ PingStatus: 'Online', PlatformType: 'Linux' }] });
    ssm.on(ListCommandsCommand).resolves({
      Commands: [
        {
          CommandId: 'cmd-1',
          Comment: 'pyjamas memory capture for case IR-42',
          Status: 'InProgress',
        },
      ],
    });
    s3.on(HeadObjectCommand).resolves({
      ChecksumSHA256: Buffer.from('ab'.repeat(32), 'hex').toString('base64'),
      ChecksumType: 'FULL_OBJECT',
    });
    const records = await caseFolder();
    await fileRun(records, 'run-1', [
      snapshotStep('snap-1', 'vol-1'),
      {
        id: 'start-memory-capture',
        action: 'ssm:SendCommand',
        region: 'us-east-1',
        reason: 'r',
        input: {},
        status: 'done',
        output: { CommandId: 'cmd-1' },
      },
    ]);
    const described = await describeInstance(aws, {
      ...request,
      lockSnapshots: true,
      memoryCapture: evidenceBucket(),
      records: [records],
    });
    expect(described.caseSnapshots).toEqual([
      { snapshotId: 'snap-1', volumeId: 'vol-1', state: 'completed' },
    ]);
    expect(described.lockedSnapshotIds).toEqual(['snap-1']);
    expect(described.ssm).toEqual({
      pingStatus: 'Online',
      platformType: 'Linux',
      captureCommandIds: ['cmd-1'],
    });
    expect(described.captureTool).toEqual({
      bucket: 'evidence',
      expectedOwner: '111122223333',
      key: 'tools/avml',
      sha256: 'ab'.repeat(32),
      imagePrefix: 'cases/IR-42/memory/i-0123456789abcdef0/',
    });
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'evidence',
      Key: 'tools/avml',
      ExpectedBucketOwner: '111122223333',
    });
  });

  test("a member account's capture reads the shared tool and writes under the member's own case prefix", async () => {
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    ssm.on(ListCommandsCommand).resolves({ Commands: [] });
    s3.on(HeadObjectCommand).resolves({
      ChecksumSHA256: Buffer.from('ab'.repeat(32), 'hex').toString('base64'),
      ChecksumType: 'FULL_OBJECT',
    });
    const described = await describeInstance(aws, {
      ...request,
      memoryCapture: evidenceBucket('444455556666'),
    });
    expect(described.captureTool).toMatchObject({
      expectedOwner: '111122223333',
      key: 'tools/avml',
      imagePrefix: 'cases/444455556666/IR-42/memory/i-0123456789abcdef0/',
    });
    // tools/ is shared by the organization: its key is not mapped, but the owner is required.
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toMatchObject({
      Key: 'tools/avml',
      ExpectedBucketOwner: '111122223333',
    });
  });

  test('reads the current role and keeps the timestamp of an existing revocation', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          OwnerId: '1',
          Instances: [
            {
              InstanceId: request.instanceId,
              State: { Name: 'running' },
              VpcId: 'vpc-1',
              IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/web-app' },
            },
          ],
        },
      ],
    });
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'web-app' }).resolves({
      InstanceProfile: {
        Arn: 'arn:aws:iam::1:instance-profile/web-app',
        Roles: [{ RoleName: 'web-role', RoleId: 'AROAWEBROLE' } as never],
      } as never,
    });
    const policy = {
      Statement: [
        {
          Effect: 'Deny',
          Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-30T08:00:00Z' } },
        },
      ],
    };
    iam
      .on(GetRolePolicyCommand)
      .resolves({ PolicyDocument: encodeURIComponent(JSON.stringify(policy)) });
    const described = await describeInstance(aws, { ...request, revokeRoleSessions: true });
    expect(described.profile).toEqual({
      arn: 'arn:aws:iam::1:instance-profile/web-app',
      name: 'web-app',
      roleNames: ['web-role'],
      roleIds: { 'web-role': 'AROAWEBROLE' },
    });
    expect(described.revokedRoles).toEqual({ 'web-role': '2026-01-30T08:00:00Z' });
  });

  test('a verification read leaves out what no check looks at, and still reads what the checks need', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          OwnerId: '1',
          Instances: [
            {
              InstanceId: request.instanceId,
              State: { Name: 'running' },
              VpcId: 'vpc-1',
              IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/web-app' },
            },
          ],
        },
      ],
    });
    const described = await describeInstance(aws, { ...request, forVerification: true });
    expect(ec2.commandCalls(GetConsoleOutputCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DescribeSnapshotsCommand)).toHaveLength(0);
    expect(
      iam
        .commandCalls(GetInstanceProfileCommand)
        .map((call) => call.args[0].input.InstanceProfileName),
    ).not.toContain('web-app');
    expect(described.consoleOutput).toBeUndefined();
    expect(described.profile?.arn).toBe('arn:aws:iam::1:instance-profile/web-app');
    expect(described.networkInterfaces.map((eni) => eni.networkInterfaceId)).toEqual([
      'eni-1',
      'eni-2',
    ]);
    expect(described.targetGroups).toHaveLength(1);
  });
});

describe('the verification of an isolation', () => {
  const gone = {
    Reservations: [
      {
        OwnerId: '123456789012',
        Instances: [
          {
            InstanceId: request.instanceId,
            State: { Name: 'terminated' as const },
            RootDeviceName: '/dev/xvda',
            BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1' } }],
          },
        ],
      },
    ],
  };
  const snapshot = { SnapshotId: 'snap-1', VolumeId: 'vol-1', State: 'pending' as const };
  const verifyWith = (outcome: 'succeeded' | 'failed') => {
    const slept: number[] = [];
    const responder = isolationResponder({
      aws,
      clock: fixedClock('2026-01-31T12:00:00Z'),
      read: request,
      options: isolationOptions(),
      settle: {
        sleep: (ms) => {
          slept.push(ms);
          return Promise.resolve();
        },
      },
    });
    return {
      slept,
      results: () =>
        responder.verify(runningWebServer(), { outcome, steps: [snapshotStep('snap-1', 'vol-1')] }),
    };
  };

  test("reads the run's own snapshots again until EC2 shows them, instead of failing the isolation", async () => {
    ec2.on(DescribeInstancesCommand).resolves(gone);
    let readsById = 0;
    ec2.on(DescribeSnapshotsCommand).callsFake((input: DescribeSnapshotsCommandInput) => {
      if (input.Filters?.[0]?.Name !== 'snapshot-id') return { Snapshots: [snapshot] };
      readsById += 1;
      return { Snapshots: readsById < 3 ? [] : [snapshot] };
    });
    const verification = verifyWith('succeeded');
    expect(await verification.results()).toEqual([
      {
        check: 'snapshots filed under the case',
        ok: true,
        detail: '1 snapshots of case IR-42, named by its records',
      },
    ]);
    expect(verification.slept).toEqual([500, 1_000]);
    expect(readsById).toBe(3);
  });

  test('a run that failed is read once: its failed checks are what the failed step left', async () => {
    ec2.on(DescribeInstancesCommand).resolves(gone);
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    const verification = verifyWith('failed');
    expect((await verification.results()).map((result) => result.ok)).toEqual([false]);
    expect(verification.slept).toEqual([]);
  });
});

describe('what the case made before, trusted only through its records', () => {
  const forgedCapture = {
    CommandId: 'cmd-forged',
    Comment: 'pyjamas memory capture for case IR-42',
    Status: 'InProgress' as const,
  };
  const capture = evidenceBucket();

  test('a snapshot, scratch volume or capture that only claims the case is named and not reused', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [{ SnapshotId: 'snap-forged', VolumeId: 'vol-1', State: 'completed' }],
    });
    ec2
      .on(DescribeVolumesCommand)
      .callsFake((input: { Filters?: { Name?: string }[] }) =>
        input.Filters?.[0]?.Name === 'tag:pyjamas:memory-scratch-for'
          ? { Volumes: [{ VolumeId: 'vol-1', State: 'in-use' }] }
          : {},
      );
    ssm.on(ListCommandsCommand).resolves({ Commands: [forgedCapture] });
    s3.on(HeadObjectCommand).resolves({});
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [{ PingStatus: 'Online', PlatformType: 'Linux' }] });
    const described = await describeInstance(aws, {
      ...request,
      memoryCapture: capture,
      records: [await caseFolder()],
    });
    expect(described.caseSnapshots).toEqual([]);
    expect(described.ssm?.captureCommandIds).toEqual([]);
    expect(described.memoryScratch).toBeUndefined();
    // The suspect's own disk, tagged as scratch, stays evidence.
    expect(described.volumes.map((volume) => volume.volumeId)).toEqual(['vol-1']);
    expect(described.unrecorded).toEqual({
      snapshots: [{ snapshotId: 'snap-forged', volumeId: 'vol-1', state: 'completed' }],
      scratchVolumeIds: ['vol-1'],
      captureCommandIds: ['cmd-forged'],
    });
  });

  test('a snapshot the records name is reused, read by its id', async () => {
    const records = await caseFolder();
    await fileRun(records, 'run-1', [snapshotStep('snap-1', 'vol-1')]);
    ec2
      .on(DescribeSnapshotsCommand)
      .callsFake((input: DescribeSnapshotsCommandInput) =>
        input.Filters?.[0]?.Name === 'snapshot-id'
          ? { Snapshots: [{ SnapshotId: 'snap-1', VolumeId: 'vol-1', State: 'completed' }] }
          : { Snapshots: [] },
      );
    const described = await describeInstance(aws, { ...request, records: [records] });
    expect(described.caseSnapshots).toEqual([
      { snapshotId: 'snap-1', volumeId: 'vol-1', state: 'completed' },
    ]);
    expect(described.unrecorded).toBeUndefined();
  });

  test('a snapshot a killed run took of a volume it was to snapshot is reused, and only that one', async () => {
    const records = await caseFolder();
    await fileInterruptedRun(records, 'run-killed');
    const snapshot = (id: string, startTime: string, instance = request.instanceId) => ({
      SnapshotId: id,
      VolumeId: 'vol-1',
      State: 'pending' as const,
      StartTime: new Date(startTime),
      Tags: [{ Key: 'pyjamas:source-instance', Value: instance }],
    });
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        snapshot('snap-killed-run', '2026-01-30T10:00:05Z'),
        snapshot('snap-before-the-run', '2026-01-30T09:00:00Z'),
        snapshot('snap-of-another-instance', '2026-01-30T10:00:05Z', 'i-0other'),
      ],
    });
    const described = await describeInstance(aws, { ...request, records: [records] });
    expect(described.caseSnapshots).toEqual([
      { snapshotId: 'snap-killed-run', volumeId: 'vol-1', state: 'pending' },
    ]);
    expect(described.adoptedSnapshots?.map((s) => [s.snapshotId, s.runId])).toEqual([
      ['snap-killed-run', 'run-killed'],
    ]);
    expect(described.unrecorded?.snapshots.map((s) => s.snapshotId)).toEqual([
      'snap-before-the-run',
      'snap-of-another-instance',
    ]);
  });

  test('a run killed before it sealed its start lends only snapshots taken soon after that start', async () => {
    const records = await caseFolder();
    await fileInterruptedRun(records, 'run-unsealed', false);
    const snapshot = (id: string, startTime: string) => ({
      SnapshotId: id,
      VolumeId: 'vol-1',
      State: 'completed' as const,
      StartTime: new Date(startTime),
      Tags: [{ Key: 'pyjamas:source-instance', Value: request.instanceId }],
    });
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        snapshot('snap-within', '2026-01-30T10:00:00Z'),
        snapshot('snap-hours-later', '2026-01-30T13:00:00Z'),
      ],
    });
    const described = await describeInstance(aws, { ...request, records: [records] });
    expect(described.adoptedSnapshots?.map((s) => s.snapshotId)).toEqual(['snap-within']);
    expect(described.unrecorded?.snapshots.map((s) => s.snapshotId)).toEqual(['snap-hours-later']);
  });

  test('a record rewritten after its manifest is not trusted, and the plan is told why', async () => {
    const records = await caseFolder();
    await fileRun(records, 'run-1', [snapshotStep('snap-1', 'vol-1')]);
    const path = join(
      records.location.slice('file://'.length),
      'cases/IR-42/runs/run-1/run-record.json',
    );
    await chmod(path, 0o644);
    await writeFile(path, JSON.stringify({ forged: true }));
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [{ SnapshotId: 'snap-1', VolumeId: 'vol-1', State: 'completed' }],
    });
    const described = await describeInstance(aws, { ...request, records: [records] });
    expect(described.caseSnapshots).toEqual([]);
    expect(described.recordProblems).toEqual([
      `${records.location}/cases/IR-42/runs/run-1/run-record.json does not match the SHA-256 its manifest names: not trusted`,
    ]);
  });

  test("volumes that outlived the instance come from the case's records of it, not from the case tag", async () => {
    const records = await caseFolder();
    await fileRun(records, 'run-1', [], { volumes: [{ volumeId: 'vol-kept' }] });
    ec2
      .on(DescribeVolumesCommand)
      .callsFake((input: { Filters?: { Name?: string }[] }) =>
        input.Filters?.[0]?.Name === 'volume-id'
          ? { Volumes: [{ VolumeId: 'vol-kept', State: 'available' }] }
          : {},
      );
    const described = await describeInstance(aws, { ...request, records: [records] });
    expect(described.volumes.map((volume) => volume.volumeId)).toEqual(['vol-1', 'vol-kept']);
    const filters = ec2
      .commandCalls(DescribeVolumesCommand)
      .flatMap((call) => call.args[0].input.Filters ?? [])
      .map((filter) => filter.Name);
    expect(filters).not.toContain('tag:pyjamas:case-id');
  });

  test('records that cannot be read do not stop the read: nothing earlier is reused, and the plan says why', async () => {
    const refusing = {
      location: 's3://evidence',
      put: () => Promise.reject(new Error('unused')),
      get: () => Promise.reject(new Error('unused')),
      list: () =>
        Promise.reject(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })),
    };
    const described = await describeInstance(aws, { ...request, records: [refusing] });
    expect(described.recordProblems).toEqual([
      expect.stringMatching(
        /^the case's manifests in s3:\/\/evidence could not be read \(.*AccessDenied.*\): nothing made by earlier runs is reused$/,
      ),
    ]);
  });
});
