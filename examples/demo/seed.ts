import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import type { AwsClients } from '../../lib/aws/clients';

/** The regions of the demo account. */
export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

const ACCOUNT = '123456789012';

/**
 * Builds a small account with the misconfigurations responders meet in real incidents: console
 * users without MFA, an administrator key held by a CI user, SSH open to the internet, IMDSv1,
 * and in each region a VPC named `workloads` for the complete example. The trail, GuardDuty and
 * Config come with the complete example, in its home region only, so eu-west-1 goes without
 * (a trail of the seed's own would break the apply: moto's DescribeTrails answers a trail ARN
 * with every trail, which the AWS provider refuses). Next to each weakness sits a compliant
 * counterpart, so the report shows both verdicts.
 */
export async function seedDemoAccount(aws: AwsClients): Promise<void> {
  // Flow logs deliver to the trail bucket, so the buckets come first.
  await Promise.all([seedIam(aws), seedS3(aws)]);
  await Promise.all(DEMO_REGIONS.map((region) => seedRegion(aws, region)));
}

async function seedIam(aws: AwsClients): Promise<void> {
  const iam = aws.get(IAMClient, 'us-east-1');
  await iam.send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 8,
      PasswordReusePrevention: 5,
    }),
  );

  for (const user of ['alice', 'bob', 'ci-deploy', 'carol'])
    await iam.send(new CreateUserCommand({ UserName: user }));
  await iam.send(
    new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Demo-Password-123!' }),
  );
  await iam.send(
    new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Demo-Password-456!' }),
  );
  const { VirtualMFADevice } = await iam.send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }),
  );
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: 'bob',
      SerialNumber: VirtualMFADevice?.SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-deploy' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-deploy' }));
  await iam.send(
    new AttachUserPolicyCommand({
      UserName: 'ci-deploy',
      PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  );

  await iam.send(new CreateGroupCommand({ GroupName: 'operators' }));
  const { Policy } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'legacy-full-access',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'operators', PolicyArn: Policy?.Arn }));
  await iam.send(
    new AttachGroupPolicyCommand({
      GroupName: 'operators',
      PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  );
  await iam.send(new AddUserToGroupCommand({ GroupName: 'operators', UserName: 'carol' }));
}

async function seedS3(aws: AwsClients): Promise<void> {
  const s3 = aws.get(S3Client, 'us-east-1');
  await s3.send(new CreateBucketCommand({ Bucket: 'acme-public-assets' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'acme-trail-logs' }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'acme-trail-logs',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'acme-trail-logs',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::acme-trail-logs', 'arn:aws:s3:::acme-trail-logs/*'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  await aws.get(S3ControlClient, 'us-east-1').send(
    new PutAccountPublicAccessBlockCommand({
      AccountId: ACCOUNT,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: false,
      },
    }),
  );
}

async function seedRegion(aws: AwsClients, region: string): Promise<void> {
  const ec2 = aws.get(EC2Client, region);
  const primary = region === 'us-east-1';

  // The complete example finds the VPC by this Name tag, as its settings.ts does.
  const { Vpc } = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: '10.20.0.0/16',
      TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'workloads' }] }],
    }),
  );
  const vpcId = Vpc?.VpcId ?? '';
  if (primary) {
    const { Unsuccessful } = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [vpcId],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::acme-trail-logs',
      }),
    );
    if (Unsuccessful?.length)
      throw new Error(
        `demo flow log not created: ${Unsuccessful[0]?.Error?.Message ?? 'unknown reason'}`,
      );
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  }

  const { GroupId: webGroup } = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers', VpcId: vpcId }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: webGroup,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
  const { GroupId: rdpGroup } = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'legacy-rdp',
      Description: 'old jump host',
      VpcId: vpcId,
    }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: rdpGroup,
      IpPermissions: [
        { IpProtocol: 'udp', FromPort: 3380, ToPort: 3390, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      ],
    }),
  );

  await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't3.micro',
      SecurityGroupIds: [webGroup ?? ''],
      MetadataOptions: { HttpTokens: primary ? 'required' : 'optional' },
    }),
  );

  const kms = aws.get(KMSClient, region);
  const { KeyMetadata: rotated } = await kms.send(
    new CreateKeyCommand({ Description: 'evidence encryption' }),
  );
  await kms.send(new EnableKeyRotationCommand({ KeyId: rotated?.KeyId }));
  await kms.send(new CreateKeyCommand({ Description: 'legacy application data' }));
}
