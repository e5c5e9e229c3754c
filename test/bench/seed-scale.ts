import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../lib/aws/clients';
import { mapWithLimit } from '../../lib/concurrency';

/** The three regions of the benchmark account. */
export const BENCH_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

/** Resources per unit of scale, as the issue defines it. */
export const PER_SCALE = { users: 50, instances: 40, securityGroups: 60, buckets: 20 } as const;

/**
 * Seeds `scale` × (50 IAM users, 40 instances, 60 security groups, 20 buckets) spread over three
 * regions, with a realistic mix: every other user has a console password, one in five has two
 * keys, one in ten holds AdministratorAccess directly; one group in six opens SSH to the world.
 */
export async function seedAtScale(aws: AwsClients, scale: number, concurrency = 8): Promise<void> {
  const iam = aws.get(IAMClient, 'us-east-1');
  const users = Array.from(
    { length: PER_SCALE.users * scale },
    (_, i) => `user-${String(i).padStart(5, '0')}`,
  );
  await mapWithLimit(users, concurrency, async (name) => {
    const index = Number(name.slice(5));
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (index % 2 === 0)
      await iam.send(
        new CreateLoginProfileCommand({ UserName: name, Password: 'Bench-Password-123!' }),
      );
    await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    if (index % 5 === 0) await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    if (index % 10 === 0)
      await iam.send(
        new AttachUserPolicyCommand({
          UserName: name,
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      );
  });

  const buckets = Array.from({ length: PER_SCALE.buckets * scale }, (_, i) => ({
    name: `bench-bucket-${i}`,
    region: BENCH_REGIONS[i % BENCH_REGIONS.length] as string,
  }));
  await mapWithLimit(buckets, concurrency, async ({ name, region }) => {
    const s3 = aws.get(S3Client, region);
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as 'eu-west-1' } }),
      }),
    );
    if (Number(name.split('-').pop()) % 2 === 0) {
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: name,
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
          Bucket: name,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [`arn:aws:s3:::${name}/*`],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          }),
        }),
      );
    }
  });

  await Promise.all(
    BENCH_REGIONS.map(async (region, regionIndex) => {
      const ec2 = aws.get(EC2Client, region);
      const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
      const share = (total: number) =>
        Math.floor(total / BENCH_REGIONS.length) +
        (regionIndex < total % BENCH_REGIONS.length ? 1 : 0);
      const groups = Array.from({ length: share(PER_SCALE.securityGroups * scale) }, (_, i) => i);
      await mapWithLimit(groups, concurrency, async (i) => {
        const { GroupId } = await ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: `bench-${i}`,
            Description: 'bench',
            VpcId: Vpc?.VpcId,
          }),
        );
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: i % 6 === 0 ? 22 : 443,
                ToPort: i % 6 === 0 ? 22 : 443,
                IpRanges: [{ CidrIp: '0.0.0.0/0' }],
              },
            ],
          }),
        );
      });
      let remaining = share(PER_SCALE.instances * scale);
      while (remaining > 0) {
        const count = Math.min(remaining, 20);
        await ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-12c6146b',
            MinCount: count,
            MaxCount: count,
            InstanceType: 't3.micro',
            MetadataOptions: { HttpTokens: remaining % 2 === 0 ? 'required' : 'optional' },
          }),
        );
        remaining -= count;
      }
    }),
  );
}
