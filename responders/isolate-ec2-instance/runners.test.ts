import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DetachInstancesCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateSecurityGroupCommand,
  CreateSnapshotsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { LocalEvidenceStore } from '../core/evidence';
import { executePlan } from '../core/execute';
import { respond } from '../core/respond';
import type { Plan, Step } from '../core/step';
import { verifyCaseEvidence } from '../core/verify-evidence';
import { presignedUrl } from './memory-presign';
import { startMemoryCapture } from './memory-steps';
import { planIsolation } from './plan';
import { isolationResponder } from './responder';
import { isolationRunners } from './runners';
import {
  createVpcGroups,
  deregisterTargets,
  disassociateAddress,
  leaveAutoScalingGroup,
  revokeRoleSessions,
} from './steps';
import { FIXTURE, isolationOptions, runningWebServer } from '../../test/fixtures/isolation-plans';

const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const autoscaling = mockClient(AutoScalingClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const clock = fixedClock('2026-01-31T12:00:00Z');
const aws = new AwsClients({ env: {} });
const context = { instanceId: FIXTURE.instanceId, region: 'us-east-1', caseId: 'IR-42' };

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { requestId: 'req-err' },
  });
}

function plan(...steps: Step[]): Plan {
  return {
    responder: 'isolate-ec2-instance',
    caseId: 'IR-42',
    target: {
      type: 'AwsEc2Instance',
      id: FIXTURE.instanceId,
      arn: 'arn',
      region: 'us-east-1',
      account: '1',
    },
    steps,
    notes: [],
  };
}

beforeEach(() => {
  for (const mock of [ec2, iam, ssm, sts, autoscaling, elbv2]) mock.reset();
});

describe('isolation steps', () => {
  const groupSteps = createVpcGroups(context, 'vpc-1', { isolation: true, untrack: true });
  const withGroupIds = (step: Step): Step => ({
    ...step,
    input: { ...step.input, GroupId: 'sg-1' },
  });
  const cases: [string, Step][] = [
    [
      'InvalidTarget',
      deregisterTargets(context, FIXTURE.targetGroupArn, [{ Id: FIXTURE.instanceId }]),
    ],
    ['InvalidPermission.NotFound', withGroupIds(groupSteps[1] as Step)],
    ['InvalidPermission.Duplicate', withGroupIds(groupSteps[3] as Step)],
    ['InvalidPermission.Duplicate', withGroupIds(groupSteps[4] as Step)],
    ['InvalidAssociationID.NotFound', disassociateAddress(context, '198.51.100.7', 'eipassoc-1')],
  ];
  test.each(cases.map(([name, step]) => [name, step.id, step] as const))(
    '%s means %s is already done',
    async (name, _id, step) => {
      expect(step.alreadyDoneOn).toContain(name);
      ec2.onAnyCommand().rejects(awsError(name));
      elbv2.onAnyCommand().rejects(awsError(name));
      const result = await executePlan(plan(step), {
        aws,
        clock,
        dryRun: false,
        runners: isolationRunners(clock),
      });
      expect(result.steps[0]?.status).toBe('already-done');
      expect(result.outcome).toBe('succeeded');
    },
  );

  test('creating a group that a concurrent response created already answers with the existing id', async () => {
    ec2.on(CreateSecurityGroupCommand).rejects(awsError('InvalidGroup.Duplicate'));
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-existing' }],
      $metadata: { requestId: 'req-describe' },
    });
    const [create, revoke] = groupSteps as [Step, Step];
    const result = await executePlan(plan(create, revoke), {
      aws,
      clock,
      dryRun: false,
      runners: isolationRunners(clock),
    });
    expect(result.steps[0]).toMatchObject({
      status: 'done',
      output: { GroupId: 'sg-existing', existing: true },
    });
    expect(result.steps[1]?.input).toMatchObject({ GroupId: 'sg-existing' });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'vpc-id', Values: ['vpc-1'] },
      { Name: 'group-name', Values: ['pyjamas-isolation-vpc-1'] },
    ]);
  });

  test('CreateSnapshots reports the snapshot of each volume, for the locks that follow', async () => {
    ec2.on(CreateSnapshotsCommand).resolves({
      Snapshots: [{ VolumeId: 'vol-0002', SnapshotId: 'snap-2' }],
      $metadata: { requestId: 'req-snap' },
    });
    const runner = isolationRunners(clock)['ec2:CreateSnapshots'];
    expect(
      await runner?.(aws, 'us-east-1', {
        InstanceSpecification: { InstanceId: FIXTURE.instanceId },
      }),
    ).toEqual({ requestId: 'req-snap', output: { snapshotsByVolume: { 'vol-0002': 'snap-2' } } });
  });

  test.each([
    [
      'at its minimum',
      { MinSize: 2, DesiredCapacity: 2 },
      [{ AutoScalingGroupName: 'web', MinSize: 1 }],
    ],
    ['above its minimum', { MinSize: 1, DesiredCapacity: 3 }, []],
  ])(
    'leaving a group %s lowers the minimum read when the step runs only when it must',
    async (_name, sizes, updates) => {
      autoscaling.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [{ AutoScalingGroupName: 'web', ...sizes } as never],
      });
      autoscaling.on(UpdateAutoScalingGroupCommand).resolves({});
      autoscaling.on(DetachInstancesCommand).resolves({ $metadata: { requestId: 'req-detach' } });
      const output = await isolationRunners(clock)['autoscaling:DetachInstances']?.(
        aws,
        'us-east-1',
        leaveAutoScalingGroup(context, 'web', 'detach').input,
      );
      expect(
        autoscaling.commandCalls(UpdateAutoScalingGroupCommand).map((call) => call.args[0].input),
      ).toEqual(updates);
      expect(autoscaling.commandCalls(DetachInstancesCommand)).toHaveLength(1);
      expect(output).toEqual({
        requestId: 'req-detach',
        ...(updates.length > 0 ? { output: { minSizeLoweredFrom: 2, minSizeLoweredTo: 1 } } : {}),
      });
    },
  );

  test('the revocation policy is sent as JSON with the time the profile swap completed', async () => {
    iam.on(PutRolePolicyCommand).resolves({});
    ec2.onAnyCommand().resolves({});
    const runners = isolationRunners(clock);
    await executePlan(
      plan(
        {
          id: 'replace-instance-profile',
          reason: 'r',
          action: 'ec2:ReplaceIamInstanceProfileAssociation',
          region: 'us-east-1',
          input: {},
        },
        revokeRoleSessions(context, 'web-app', {
          $fromStep: 'replace-instance-profile',
          path: 'completedAt',
        }),
      ),
      {
        aws,
        clock,
        dryRun: false,
        runners,
      },
    );
    const document = JSON.parse(
      iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input.PolicyDocument ?? '{}',
    ) as { Statement: { Condition: unknown }[] };
    expect(document.Statement[0]?.Condition).toEqual({
      DateLessThan: { 'aws:TokenIssueTime': '2026-01-31T12:00:00.000Z' },
    });
  });

  test('the memory capture sends presigned URLs that never enter the recorded input', async () => {
    ssm
      .on(SendCommandCommand)
      .resolves({ Command: { CommandId: 'cmd-1' }, $metadata: { requestId: 'req-ssm' } });
    const step = startMemoryCapture(context, {
      bucket: 'evidence',
      bucketRegion: 'us-east-1',
      expectedOwner: '111122223333',
      toolKey: 'tools/avml',
      toolSha256: 'ab'.repeat(32),
      imageKey: 'cases/IR-42/memory/i-1/x.lime',
      partMiB: 64,
      maxParts: 273,
      scratchVolumeId: 'vol-0123456789abcdef0',
      scratchDevice: '/dev/sdp',
      urlExpirySeconds: 4500,
      executionTimeoutSeconds: 3600,
    });
    const result = await executePlan(plan(step), {
      aws,
      clock,
      dryRun: false,
      runners: isolationRunners(clock),
    });
    const sent = ssm.commandCalls(SendCommandCommand)[0]?.args[0].input;
    const script = (sent?.Parameters?.commands ?? []).join('\n');
    expect(script).toMatch(/X-Amz-Expires=4500/);
    expect(script).toMatch(/sha256sum --check/);
    expect(script).toContain(`${'ab'.repeat(32)}  `);
    expect(script).toContain('x.lime.part-sha256?');
    // Both URLs carry the owner where S3 enforces it on a presigned request: a lower-case,
    // signed query parameter, so the host's curl sends no extra header.
    expect(script.match(/x-amz-expected-bucket-owner=111122223333/g)).toHaveLength(2);
    expect(script).toContain('nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0');
    expect(JSON.stringify(result.steps[0]?.input)).not.toMatch(/X-Amz-Signature/);
    expect(result.steps[0]).toMatchObject({ status: 'done', output: { CommandId: 'cmd-1' } });
  });

  test('a presigned UploadPart URL signs its checksum as a header and keeps it out of the query', async () => {
    const checksum = Buffer.alloc(32, 7).toString('base64');
    const url = new URL(
      await presignedUrl(new AwsClients({ env: {} }), 'eu-west-1', {
        method: 'PUT',
        bucket: 'evidence',
        key: 'cases/IR-1/a.lime',
        expectedOwner: '111122223333',
        expiresIn: 600,
        query: { partNumber: '3', uploadId: 'up-1' },
        signedHeaders: { 'x-amz-checksum-sha256': checksum },
      }),
    );
    expect(url.searchParams.get('partNumber')).toBe('3');
    expect(url.searchParams.get('uploadId')).toBe('up-1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-checksum-sha256');
    expect(url.searchParams.has('x-amz-checksum-sha256')).toBe(false);
  });

  test('a presigned URL names the bucket, the key and the expiry', async () => {
    const url = new URL(
      await presignedUrl(new AwsClients({ env: {} }), 'eu-west-1', {
        method: 'PUT',
        bucket: 'evidence',
        key: 'cases/IR 1/a.lime',
        expectedOwner: '111122223333',
        expiresIn: 600,
      }),
    );
    expect(url.hostname).toBe('evidence.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/cases/IR%201/a.lime');
    expect(url.searchParams.get('x-amz-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('x-amz-expected-bucket-owner')).toBe('111122223333');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the run record of an isolation', () => {
  test('keeps every step with its input, outcome, request id and times, the notes, and a manifest that verifies', async () => {
    // Prepare: a read already made, every mutating call answered
    const described = runningWebServer({ consoleOutput: 'login: root' });
    ec2.onAnyCommand().resolves({ $metadata: { requestId: 'req-ec2' } });
    autoscaling.onAnyCommand().resolves({ $metadata: { requestId: 'req-asg' } });
    iam.onAnyCommand().resolves({ $metadata: { requestId: 'req-iam' } });
    elbv2.onAnyCommand().rejects(awsError('AccessDenied'));
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Arn: 'arn:aws:sts::123456789012:assumed-role/responder/cli' });
    mockClient(S3Client);
    const directory = await mkdtemp(join(tmpdir(), 'pyjamas-record-'));
    const store = new LocalEvidenceStore(directory);
    const responder = {
      ...isolationResponder({
        aws,
        clock,
        read: { instanceId: FIXTURE.instanceId, region: 'us-east-1', caseId: 'IR-42' },
        options: isolationOptions(),
      }),
      describe: async () => described,
      verify: async () => [],
    };

    // Act
    const response = await respond(responder, {
      aws,
      clock,
      dryRun: false,
      trigger: { source: 'guardduty', id: 'finding-1' },
      region: 'us-east-1',
      evidence: store,
    });

    // Assess: the failed deregistration degraded the run; containment went on
    const record = JSON.parse(
      await readFile(
        join(directory, ...`cases/IR-42/runs/${response.record.runId}/run-record.json`.split('/')),
        'utf8',
      ),
    ) as typeof response.record;
    expect(record.steps.filter((step) => step.status !== 'done').map((step) => step.id)).toEqual([
      'deregister-from-target-group-web-tg',
    ]);
    expect(record.stoppedBy).toBeUndefined();
    expect(record.outcome).toBe('degraded');
    expect(record.actor).toBe('arn:aws:sts::123456789012:assumed-role/responder/cli');
    expect(record.trigger).toEqual({ source: 'guardduty', id: 'finding-1' });
    expect(record.steps.map((step) => [step.id, step.status])).toEqual(
      planIsolation(described, isolationOptions()).steps.map((step) => [
        step.id,
        step.id === 'deregister-from-target-group-web-tg' ? 'failed' : 'done',
      ]),
    );
    expect(record.steps[0]).toMatchObject({
      action: 'ec2:CreateTags',
      requestId: 'req-ec2',
      startedAt: '2026-01-31T12:00:00.000Z',
      finishedAt: '2026-01-31T12:00:00.000Z',
    });
    expect(record.steps.find((step) => step.status === 'failed')).toMatchObject({
      id: 'deregister-from-target-group-web-tg',
      error: { name: 'AccessDenied' },
      input: { TargetGroupArn: FIXTURE.targetGroupArn },
    });
    expect(record.notes[0]).toMatch(/^containment: soft/);
    const verification = await verifyCaseEvidence(store, 'IR-42');
    expect(verification.ok).toBe(true);
    // run-start.json, the two artifacts and the run record
    expect(verification.artifacts).toBe(4);
  });
});
