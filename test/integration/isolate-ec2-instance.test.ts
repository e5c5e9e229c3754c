import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstanceAttributeCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import {
  seedPlumbing,
  seedWebServer,
  type SeededInstance,
  type SeededPlumbing,
} from './isolate-ec2-instance.seed';

// moto 5.2.1 does not implement LockSnapshot, DescribeLockedSnapshots, DescribeInstanceInformation
// or ListInstanceProfileTags: --lock-snapshots and --capture-memory are covered with
// aws-sdk-client-mock in responders/isolate-ec2-instance/*.test.ts, and the quarantine profile's
// tag is read from GetInstanceProfile, which moto answers with tags.
describe('pyjamas isolate-instance against moto', () => {
  const moto = useMotoServer({ resetBetweenTests: true });
  const ec2 = () => moto.client(EC2Client);

  async function groupsOfInstance(instanceId: string): Promise<string[][]> {
    const answer = await ec2().send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
      }),
    );
    return (answer.NetworkInterfaces ?? []).map((eni) =>
      (eni.Groups ?? []).map((group) => group.GroupId as string),
    );
  }

  async function caseSnapshots(caseId: string): Promise<string[]> {
    const answer = await ec2().send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'tag:pyjamas:case-id', Values: [caseId] }],
      }),
    );
    return (answer.Snapshots ?? []).map((snapshot) => snapshot.VolumeId as string).sort();
  }

  async function seed(): Promise<{ plumbing: SeededPlumbing; web: SeededInstance }> {
    const plumbing = await seedPlumbing(moto);
    return { plumbing, web: await seedWebServer(moto, plumbing, 'web') };
  }

  test('isolates an instance with two interfaces in an Auto Scaling group behind a target group, and a rerun changes nothing', async () => {
    // Prepare
    const { plumbing, web } = await seed();
    expect(await groupsOfInstance(web.instanceId)).toHaveLength(2);

    // Act
    const first = await runPyjamas(
      ['isolate-instance', web.instanceId, '--case', 'IR-42', '--region', 'us-east-1', '--yes'],
      moto.server.env,
    );

    // Assess
    expect(first.stderr).not.toMatch(/failed|error/i);
    expect(first.stdout).toMatch(/Outcome: succeeded/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/containment: soft/);
    expect(await groupsOfInstance(web.instanceId)).toEqual([
      [plumbing.isolationGroupId],
      [plumbing.isolationGroupId],
    ]);
    const group = await moto.client(AutoScalingClient).send(
      new DescribeAutoScalingGroupsCommand({
        AutoScalingGroupNames: [web.autoScalingGroupName as string],
      }),
    );
    expect(
      group.AutoScalingGroups?.[0]?.Instances?.filter(
        (instance) =>
          instance.InstanceId === web.instanceId && instance.LifecycleState === 'InService',
      ),
    ).toEqual([]);
    const health = await moto
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeTargetHealthCommand({ TargetGroupArn: web.targetGroupArn }));
    expect(health.TargetHealthDescriptions?.map((target) => target.Target?.Id)).not.toContain(
      web.instanceId,
    );
    const protection = await ec2().send(
      new DescribeInstanceAttributeCommand({
        InstanceId: web.instanceId,
        Attribute: 'disableApiTermination',
      }),
    );
    expect(protection.DisableApiTermination?.Value).toBe(true);
    expect(await caseSnapshots('IR-42')).toHaveLength(3);
    const objects = await moto
      .client(S3Client)
      .send(new ListObjectsV2Command({ Bucket: plumbing.bucket, Prefix: 'cases/IR-42/' }));
    const keys = (objects.Contents ?? []).map((object) => object.Key as string);
    expect(keys.filter((key) => key.endsWith('/run-start.json'))).toHaveLength(1);
    expect(keys.filter((key) => key.endsWith('/run-record.json'))).toHaveLength(1);
    expect(keys.filter((key) => key.includes('/manifests/'))).toEqual([
      'cases/IR-42/manifests/000000.json',
    ]);
    expect(keys.some((key) => key.endsWith('/artifacts/pre-state.json'))).toBe(true);

    const verified = await runPyjamas(
      ['evidence', 'verify', '--case', 'IR-42', '--region', 'us-east-1'],
      moto.server.env,
    );
    expect(verified.stdout).toMatch(/Every SHA-256 matches/);
    expect(verified.code).toBe(0);

    // Act again: the same case on the contained instance
    const second = await runPyjamas(
      [
        'isolate-instance',
        web.instanceId,
        '--case',
        'IR-42',
        '--region',
        'us-east-1',
        '--yes',
        '--output',
        'json',
      ],
      moto.server.env,
    );

    // Assess: nothing planned, nothing changed, no new snapshot
    expect(second.code).toBe(0);
    const rerun = JSON.parse(second.stdout) as {
      plan: { steps: unknown[] };
      record: { outcome: string };
    };
    expect(rerun.plan.steps).toEqual([]);
    expect(rerun.record.outcome).toBe('succeeded');
    expect(await caseSnapshots('IR-42')).toHaveLength(3);
    expect(await groupsOfInstance(web.instanceId)).toEqual([
      [plumbing.isolationGroupId],
      [plumbing.isolationGroupId],
    ]);
    const again = await runPyjamas(
      ['evidence', 'verify', '--case', 'IR-42', '--region', 'us-east-1'],
      moto.server.env,
    );
    expect(again.stdout).toMatch(/2 manifests/);
    expect(again.code).toBe(0);
  }, 120_000);

  test('a dry run prints the plan and changes nothing', async () => {
    // Prepare
    const { plumbing, web } = await seed();
    const before = await groupsOfInstance(web.instanceId);

    // Act
    const run = await runPyjamas(
      ['isolate-instance', web.instanceId, '--case', 'IR-43', '--region', 'us-east-1', '--dry-run'],
      moto.server.env,
    );

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/detach-from-asg/);
    expect(run.stdout).toMatch(/isolate-eni-/);
    expect(run.stdout).toMatch(/Outcome: dry-run/);
    expect(await groupsOfInstance(web.instanceId)).toEqual(before);
    expect(await caseSnapshots('IR-43')).toEqual([]);
    const objects = await moto
      .client(S3Client)
      .send(new ListObjectsV2Command({ Bucket: plumbing.bucket }));
    expect(objects.Contents ?? []).toEqual([]);
  }, 60_000);

  test('creates the isolation groups in a VPC that has none, tagged so that the next run finds them', async () => {
    // Prepare: the plumbing covers one VPC; the instance runs in another
    const plumbing = await seedPlumbing(moto);
    const vpcId = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc
      ?.VpcId as string;
    const subnetId = (
      await ec2().send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.1.1.0/24',
          AvailabilityZone: 'us-east-1a',
        }),
      )
    ).Subnet?.SubnetId as string;
    const workloadGroupId = (
      await ec2().send(
        new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpcId }),
      )
    ).GroupId as string;
    const lone = await seedWebServer(
      moto,
      { ...plumbing, vpcId, subnetId, workloadGroupId },
      'lone',
      { autoScaling: false, targetGroup: false },
    );

    // Act
    const run = await runPyjamas(
      ['isolate-instance', lone.instanceId, '--case', 'IR-44', '--region', 'us-east-1', '--yes'],
      moto.server.env,
    );

    // Assess
    expect(run.stdout).toMatch(/create-isolation-group-vpc-/);
    expect(run.code).toBe(0);
    const created = await ec2().send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'tag:pyjamas:component', Values: ['isolation-security-group'] },
        ],
      }),
    );
    const isolation = created.SecurityGroups?.[0];
    expect(isolation?.GroupName).toBe(`pyjamas-isolation-${vpcId}`);
    expect(isolation?.IpPermissions ?? []).toEqual([]);
    expect(isolation?.IpPermissionsEgress ?? []).toEqual([]);
    expect(await groupsOfInstance(lone.instanceId)).toEqual([
      [isolation?.GroupId],
      [isolation?.GroupId],
    ]);
    const again = await runPyjamas(
      [
        'isolate-instance',
        lone.instanceId,
        '--case',
        'IR-44',
        '--region',
        'us-east-1',
        '--yes',
        '--output',
        'json',
      ],
      moto.server.env,
    );
    expect((JSON.parse(again.stdout) as { plan: { steps: unknown[] } }).plan.steps).toEqual([]);
  }, 60_000);

  test('rejects an instance that does not exist before changing anything', async () => {
    await seedPlumbing(moto);
    const run = await runPyjamas(
      [
        'isolate-instance',
        'i-0123456789abcdef0',
        '--case',
        'IR-45',
        '--region',
        'us-east-1',
        '--yes',
      ],
      moto.server.env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/instance i-0123456789abcdef0 does not exist in us-east-1/);
  }, 60_000);
});
