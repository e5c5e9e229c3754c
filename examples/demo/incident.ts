import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AssociateIamInstanceProfileCommand,
  AttachNetworkInterfaceCommand,
  CreateLaunchTemplateCommand,
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddRoleToInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../lib/aws/clients';

/** Where the incident happens: the complete example's home region. */
export const INCIDENT_REGION = 'us-east-1';

/** The compromised web server and the leaked key of the demo's incident. */
export interface PlantedIncident {
  readonly instanceId: string;
  /** Both interfaces of the instance, the launch one first. */
  readonly networkInterfaceIds: readonly string[];
  readonly autoScalingGroupName: string;
  readonly targetGroupArn: string;
  readonly workloadGroupId: string;
  readonly userName: string;
  readonly userArn: string;
  readonly accessKeyId: string;
}

/**
 * What the leaked key's owner may do: build jobs that grew permissions over time, as they do.
 * `iam:AttachUserPolicy` and `iam:CreatePolicyVersion` on any resource let it make itself
 * administrator; `s3:GetObject` on every bucket reads all the account's objects.
 */
const BUILD_BOT_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DeployArtifacts',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
      Resource: '*',
    },
    {
      Sid: 'ManageDeployRoles',
      Effect: 'Allow',
      Action: ['iam:AttachUserPolicy', 'iam:CreatePolicyVersion', 'iam:PassRole'],
      Resource: '*',
    },
    { Sid: 'Deploy', Effect: 'Allow', Action: ['ec2:*', 'lambda:*'], Resource: '*' },
  ],
};

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/**
 * Plants the incident in the seeded `workloads` VPC: a web server launched by an Auto Scaling
 * group, with a second interface and an instance profile, registered in a target group; and an
 * over-privileged CI user with an access key, as if both had leaked.
 */
export async function plantIncident(aws: AwsClients): Promise<PlantedIncident> {
  const ec2 = aws.get(EC2Client, INCIDENT_REGION);
  const { Vpcs = [] } = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['workloads'] }] }),
  );
  const vpcId = Vpcs[0]?.VpcId;
  if (!vpcId) throw new Error(`the seeded workloads VPC is missing in ${INCIDENT_REGION}`);
  const { SecurityGroups = [] } = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['web'] },
      ],
    }),
  );
  const workloadGroupId = SecurityGroups[0]?.GroupId;
  if (!workloadGroupId) throw new Error('the seeded web security group is missing');
  const subnetId = (
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.20.1.0/24',
        AvailabilityZone: `${INCIDENT_REGION}a`,
      }),
    )
  ).Subnet?.SubnetId as string;

  const iam = aws.get(IAMClient, INCIDENT_REGION);
  await iam.send(
    new CreateRoleCommand({ RoleName: 'shop-web', AssumeRolePolicyDocument: EC2_TRUST }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'shop-web' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'shop-web', RoleName: 'shop-web' }),
  );
  // Interfaces in the template rather than instance-level groups: moto 5.2.1 reports launch-time
  // instance groups on every attached interface, so a moved interface would seem to keep them.
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'shop-web',
      LaunchTemplateData: {
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        IamInstanceProfile: { Name: 'shop-web' },
        NetworkInterfaces: [{ DeviceIndex: 0, Groups: [workloadGroupId] }],
      },
    }),
  );
  const autoscaling = aws.get(AutoScalingClient, INCIDENT_REGION);
  const autoScalingGroupName = 'shop-web';
  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: autoScalingGroupName,
      LaunchTemplate: { LaunchTemplateName: 'shop-web' },
      MinSize: 1,
      MaxSize: 2,
      DesiredCapacity: 1,
      VPCZoneIdentifier: subnetId,
    }),
  );
  const { AutoScalingGroups = [] } = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [autoScalingGroupName] }),
  );
  const instanceId = AutoScalingGroups[0]?.Instances?.[0]?.InstanceId;
  if (!instanceId) throw new Error('the Auto Scaling group launched no instance');
  const { NetworkInterfaces = [] } = await ec2.send(
    new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
    }),
  );
  // moto 5.2.1 gives an Auto Scaling instance neither its template's interface groups nor its
  // instance profile (AWS applies both at launch), so the demo sets them as AWS would have.
  await ec2.send(
    new ModifyNetworkInterfaceAttributeCommand({
      NetworkInterfaceId: NetworkInterfaces[0]?.NetworkInterfaceId,
      Groups: [workloadGroupId],
    }),
  );
  const { IamInstanceProfileAssociations = [] } = await ec2.send(
    new DescribeIamInstanceProfileAssociationsCommand({
      Filters: [{ Name: 'instance-id', Values: [instanceId] }],
    }),
  );
  if (IamInstanceProfileAssociations.length === 0)
    await ec2.send(
      new AssociateIamInstanceProfileCommand({
        InstanceId: instanceId,
        IamInstanceProfile: { Name: 'shop-web' },
      }),
    );
  const second = (
    await ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId: subnetId,
        Groups: [workloadGroupId],
        Description: 'shop-web admin interface',
      }),
    )
  ).NetworkInterface?.NetworkInterfaceId as string;
  await ec2.send(
    new AttachNetworkInterfaceCommand({
      NetworkInterfaceId: second,
      InstanceId: instanceId,
      DeviceIndex: 1,
    }),
  );

  const elb = aws.get(ElasticLoadBalancingV2Client, INCIDENT_REGION);
  const targetGroupArn = (
    await elb.send(
      new CreateTargetGroupCommand({
        Name: 'shop-web',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: vpcId,
        TargetType: 'instance',
      }),
    )
  ).TargetGroups?.[0]?.TargetGroupArn as string;
  await elb.send(
    new RegisterTargetsCommand({
      TargetGroupArn: targetGroupArn,
      Targets: [{ Id: instanceId, Port: 80 }],
    }),
  );

  const userName = 'build-bot';
  const user = await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'ci-deploy',
      PolicyDocument: JSON.stringify(BUILD_BOT_POLICY),
    }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return {
    instanceId,
    networkInterfaceIds: [
      ...NetworkInterfaces.map((eni) => eni.NetworkInterfaceId as string),
      second,
    ],
    autoScalingGroupName,
    targetGroupArn,
    workloadGroupId,
    userName,
    userArn: user.User?.Arn as string,
    accessKeyId: key.AccessKey?.AccessKeyId as string,
  };
}
