import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AttachNetworkInterfaceCommand,
  AttachVolumeCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { SdkClient, SdkClientClass } from '../../lib/aws/clients';

/** Anything that hands out SDK clients pointed at moto. */
export interface ClientSource {
  client<C extends SdkClient>(ClientClass: SdkClientClass<C>, region?: string): C;
}

/** The plumbing the module would deploy, as the responder finds it. */
export interface SeededPlumbing {
  readonly bucket: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly isolationGroupId: string;
  readonly untrackGroupId: string;
  readonly workloadGroupId: string;
}

const REGION = 'us-east-1';
const tags = (component: string) => [{ Key: 'pyjamas:component', Value: component }];

/**
 * Seeds, through the SDK, what the module deploys: an Object Lock evidence bucket, a VPC with
 * its isolation and untrack groups, and the quarantine profile, each tagged as the module tags it.
 */
export async function seedPlumbing(
  moto: ClientSource,
  bucket = 'pyjamas-evidence-test',
): Promise<SeededPlumbing> {
  const ec2 = moto.client(EC2Client, REGION);
  const s3 = moto.client(S3Client, REGION);
  const iam = moto.client(IAMClient, REGION);

  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
      },
    }),
  );
  await s3.send(
    new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags('evidence-bucket') } }),
  );

  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc
    ?.VpcId as string;
  const subnetId = (
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.1.0/24',
        AvailabilityZone: 'us-east-1a',
      }),
    )
  ).Subnet?.SubnetId as string;
  const group = async (name: string, component?: string) =>
    (
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: name,
          VpcId: vpcId,
          ...(component
            ? { TagSpecifications: [{ ResourceType: 'security-group', Tags: tags(component) }] }
            : {}),
        }),
      )
    ).GroupId as string;
  const isolationGroupId = await group('pyjamas-isolation', 'isolation-security-group');
  await ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId: isolationGroupId,
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  const untrackGroupId = await group('pyjamas-untrack', 'untrack-security-group');
  const all = [
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
  ];
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: untrackGroupId, IpPermissions: all }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupEgressCommand({
      GroupId: untrackGroupId,
      IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
    }),
  );
  const workloadGroupId = await group('web');

  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'pyjamas-quarantine',
      AssumeRolePolicyDocument: trust,
      Tags: tags('quarantine-instance-profile'),
    }),
  );
  await iam.send(
    new CreateInstanceProfileCommand({
      InstanceProfileName: 'pyjamas-quarantine',
      Tags: tags('quarantine-instance-profile'),
    }),
  );
  await iam.send(
    new AddRoleToInstanceProfileCommand({
      InstanceProfileName: 'pyjamas-quarantine',
      RoleName: 'pyjamas-quarantine',
    }),
  );
  await iam.send(new CreateRoleCommand({ RoleName: 'web-app', AssumeRolePolicyDocument: trust }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-app' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-app', RoleName: 'web-app' }),
  );
  return { bucket, vpcId, subnetId, isolationGroupId, untrackGroupId, workloadGroupId };
}

/** The compromised web server of the proof scenario. */
export interface SeededInstance {
  readonly instanceId: string;
  readonly secondNetworkInterfaceId: string;
  readonly volumeIds: readonly string[];
  readonly autoScalingGroupName?: string;
  readonly targetGroupArn?: string;
}

/**
 * The instance is launched with an interface specification rather than instance-level security
 * groups: moto 5.2.1 reports an instance's launch-time groups on every attached interface in
 * addition to the interface's own, so a swapped interface would still seem to hold them.
 *
 * An instance with two interfaces and three volumes, launched by an Auto Scaling group and
 * registered in a target group (both optional), with the web-app instance profile.
 */
export async function seedWebServer(
  moto: ClientSource,
  plumbing: SeededPlumbing,
  name: string,
  options: { readonly autoScaling?: boolean; readonly targetGroup?: boolean } = {},
): Promise<SeededInstance> {
  const ec2 = moto.client(EC2Client, REGION);
  let instanceId: string;
  let autoScalingGroupName: string | undefined;
  if (options.autoScaling ?? true) {
    autoScalingGroupName = `${name}-asg`;
    await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: `${name}-template`,
        LaunchTemplateData: {
          ImageId: 'ami-12345678',
          InstanceType: 't3.micro',
          IamInstanceProfile: { Name: 'web-app' },
          NetworkInterfaces: [{ DeviceIndex: 0, Groups: [plumbing.workloadGroupId] }],
        },
      }),
    );
    const autoscaling = moto.client(AutoScalingClient, REGION);
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: autoScalingGroupName,
        LaunchTemplate: { LaunchTemplateName: `${name}-template` },
        MinSize: 1,
        MaxSize: 3,
        DesiredCapacity: 1,
        VPCZoneIdentifier: plumbing.subnetId,
      }),
    );
    const groups = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [autoScalingGroupName] }),
    );
    instanceId = groups.AutoScalingGroups?.[0]?.Instances?.[0]?.InstanceId as string;
  } else {
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: plumbing.subnetId, Groups: [plumbing.workloadGroupId] },
        ],
        IamInstanceProfile: { Name: 'web-app' },
      }),
    );
    instanceId = launched.Instances?.[0]?.InstanceId as string;
  }

  const second = await ec2.send(
    new CreateNetworkInterfaceCommand({
      SubnetId: plumbing.subnetId,
      Groups: [plumbing.workloadGroupId],
    }),
  );
  const secondId = second.NetworkInterface?.NetworkInterfaceId as string;
  await ec2.send(
    new AttachNetworkInterfaceCommand({
      NetworkInterfaceId: secondId,
      InstanceId: instanceId,
      DeviceIndex: 1,
    }),
  );
  const volumeIds: string[] = [];
  for (const device of ['/dev/sdf', '/dev/sdg']) {
    const volume = await ec2.send(
      new CreateVolumeCommand({ Size: 1, AvailabilityZone: 'us-east-1a' }),
    );
    await ec2.send(
      new AttachVolumeCommand({
        VolumeId: volume.VolumeId,
        InstanceId: instanceId,
        Device: device,
      }),
    );
    volumeIds.push(volume.VolumeId as string);
  }

  let targetGroupArn: string | undefined;
  if (options.targetGroup ?? true) {
    const elb = moto.client(ElasticLoadBalancingV2Client, REGION);
    const created = await elb.send(
      new CreateTargetGroupCommand({
        Name: `${name}-tg`,
        Protocol: 'HTTP',
        Port: 80,
        VpcId: plumbing.vpcId,
        TargetType: 'instance',
      }),
    );
    targetGroupArn = created.TargetGroups?.[0]?.TargetGroupArn;
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: targetGroupArn,
        Targets: [{ Id: instanceId, Port: 80 }],
      }),
    );
  }
  return {
    instanceId,
    secondNetworkInterfaceId: secondId,
    volumeIds,
    ...(autoScalingGroupName ? { autoScalingGroupName } : {}),
    ...(targetGroupArn ? { targetGroupArn } : {}),
  };
}

/** Seeds the module's forensic security group in the plumbing's VPC, tagged as the module tags it. */
export async function seedForensicGroup(
  moto: ClientSource,
  plumbing: SeededPlumbing,
): Promise<string> {
  const created = await moto.client(EC2Client, REGION).send(
    new CreateSecurityGroupCommand({
      GroupName: 'pyjamas-forensic',
      Description: 'forensic',
      VpcId: plumbing.vpcId,
      TagSpecifications: [
        { ResourceType: 'security-group', Tags: tags('forensic-security-group') },
      ],
    }),
  );
  return created.GroupId as string;
}
