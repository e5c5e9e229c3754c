import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import {
  ebsEncryptionByDefault,
  flowLogs,
  instances,
  networkAcls,
  securityGroups,
  vpcs,
} from './ec2';

const ec2 = mockClient(EC2Client);

beforeEach(() => ec2.reset());

describe('the security group collector', () => {
  test('flattens each permission into one rule with its IPv4, IPv6, prefix-list and group sources', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'web',
          VpcId: 'vpc-1',
          Tags: [{ Key: 'team', Value: 'edge' }],
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8', Description: 'office' }],
              Ipv6Ranges: [{ CidrIpv6: '::/0' }],
              PrefixListIds: [{ PrefixListId: 'pl-1' }],
              UserIdGroupPairs: [{ GroupId: 'sg-2', UserId: '123456789012' }],
            },
          ],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    });
    await expect(securityGroups.collect(collectContext(), 'eu-west-1')).resolves.toEqual([
      {
        id: 'sg-1',
        arn: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1',
        name: 'web',
        vpcId: 'vpc-1',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            ipv4Ranges: ['0.0.0.0/0', '10.0.0.0/8'],
            ipv6Ranges: ['::/0'],
            prefixListIds: ['pl-1'],
            groupIds: ['sg-2'],
          },
        ],
        egress: [
          {
            protocol: '-1',
            fromPort: null,
            toPort: null,
            ipv4Ranges: ['0.0.0.0/0'],
            ipv6Ranges: [],
            prefixListIds: [],
            groupIds: [],
          },
        ],
        tags: { team: 'edge' },
      },
    ]);
  });

  test('reads a group without rules as empty rule lists', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-empty', GroupName: 'default', VpcId: 'vpc-1' }],
    });
    const [group] = await securityGroups.collect(collectContext(), 'us-east-1');
    expect(group).toMatchObject({ ingress: [], egress: [], tags: {} });
  });

  test('lets a denied call fail the whole slice', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(
      Object.assign(new Error('not authorized'), {
        name: 'UnauthorizedOperation',
        $metadata: {},
      }),
    );
    await expect(securityGroups.collect(collectContext(), 'us-east-1')).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
    });
  });
});

describe('the instance collector', () => {
  test('flattens instances across reservations and pages', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-1',
                State: { Name: 'running' },
                VpcId: 'vpc-1',
                MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
                IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/app' },
                Tags: [{ Key: 'Name', Value: 'app' }],
              },
              {
                InstanceId: 'i-2',
                State: { Name: 'stopped' },
                MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
              },
            ],
          },
          { Instances: [{ InstanceId: 'i-3', State: { Name: 'terminated' } }] },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-4',
                State: { Name: 'pending' },
                MetadataOptions: { HttpEndpoint: 'disabled' },
              },
            ],
          },
        ],
      });

    const collected = await instances.collect(collectContext(), 'us-east-1');

    expect(collected.map((instance) => instance.id)).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
    expect(collected[0]).toEqual({
      id: 'i-1',
      arn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
      state: 'running',
      vpcId: 'vpc-1',
      httpTokens: 'required',
      httpEndpoint: 'enabled',
      instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/app',
      tags: { Name: 'app' },
    });
    expect(collected[2]).toMatchObject({
      state: 'terminated',
      vpcId: null,
      httpTokens: null,
      httpEndpoint: null,
      instanceProfileArn: null,
    });
    expect(collected[3]).toMatchObject({
      state: 'pending',
      httpTokens: null,
      httpEndpoint: 'disabled',
    });
    const calls = ec2.commandCalls(DescribeInstancesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: 'page-2' });
  });
});

describe('the network ACL collector', () => {
  test('reads entries with their direction, and no port range for all-protocol entries', async () => {
    ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: true,
          Associations: [{ SubnetId: 'subnet-1' }, { SubnetId: 'subnet-2' }],
          Entries: [
            {
              RuleNumber: 100,
              Protocol: '-1',
              RuleAction: 'allow',
              Egress: false,
              CidrBlock: '0.0.0.0/0',
            },
            {
              RuleNumber: 101,
              Protocol: '-1',
              RuleAction: 'allow',
              Egress: false,
              Ipv6CidrBlock: '::/0',
            },
            {
              RuleNumber: 90,
              Protocol: '6',
              RuleAction: 'deny',
              Egress: false,
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 22, To: 22 },
            },
            {
              RuleNumber: 100,
              Protocol: '-1',
              RuleAction: 'allow',
              Egress: true,
              CidrBlock: '0.0.0.0/0',
            },
          ],
        },
      ],
    });
    const [acl] = await networkAcls.collect(collectContext(), 'us-east-1');
    expect(acl).toEqual({
      id: 'acl-1',
      arn: 'arn:aws:ec2:us-east-1:123456789012:network-acl/acl-1',
      vpcId: 'vpc-1',
      isDefault: true,
      subnetIds: ['subnet-1', 'subnet-2'],
      entries: [
        {
          ruleNumber: 100,
          protocol: '-1',
          action: 'allow',
          egress: false,
          cidrBlock: '0.0.0.0/0',
          ipv6CidrBlock: null,
          portRange: null,
        },
        {
          ruleNumber: 101,
          protocol: '-1',
          action: 'allow',
          egress: false,
          cidrBlock: null,
          ipv6CidrBlock: '::/0',
          portRange: null,
        },
        {
          ruleNumber: 90,
          protocol: '6',
          action: 'deny',
          egress: false,
          cidrBlock: '0.0.0.0/0',
          ipv6CidrBlock: null,
          portRange: { from: 22, to: 22 },
        },
        {
          ruleNumber: 100,
          protocol: '-1',
          action: 'allow',
          egress: true,
          cidrBlock: '0.0.0.0/0',
          ipv6CidrBlock: null,
          portRange: null,
        },
      ],
    });
  });
});

describe('the EBS encryption-by-default collector', () => {
  test.each([true, false])('reads the setting %p', async (enabled) => {
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: enabled });
    await expect(ebsEncryptionByDefault.collect(collectContext(), 'us-east-1')).resolves.toBe(
      enabled,
    );
  });
});

describe('the VPC collector', () => {
  test('reads each VPC with its ARN', async () => {
    ec2
      .on(DescribeVpcsCommand)
      .resolves({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true, CidrBlock: '172.31.0.0/16' }] });
    await expect(vpcs.collect(collectContext(), 'eu-west-1')).resolves.toEqual([
      {
        id: 'vpc-1',
        arn: 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1',
        isDefault: true,
        cidrBlock: '172.31.0.0/16',
      },
    ]);
  });
});

describe('the flow log collector', () => {
  test('takes the log group name as destination when CloudWatch Logs delivery has no destination ARN', async () => {
    ec2.on(DescribeFlowLogsCommand).resolves({
      FlowLogs: [
        {
          FlowLogId: 'fl-cwl',
          ResourceId: 'vpc-1',
          TrafficType: 'REJECT',
          FlowLogStatus: 'ACTIVE',
          LogDestinationType: 'cloud-watch-logs',
          LogGroupName: 'vpc-flow',
        },
        {
          FlowLogId: 'fl-s3',
          ResourceId: 'subnet-1',
          TrafficType: 'ALL',
          FlowLogStatus: 'ACTIVE',
          LogDestinationType: 's3',
          LogDestination: 'arn:aws:s3:::flow-logs',
        },
      ],
    });
    await expect(flowLogs.collect(collectContext(), 'us-east-1')).resolves.toEqual([
      {
        id: 'fl-cwl',
        resourceId: 'vpc-1',
        trafficType: 'REJECT',
        status: 'ACTIVE',
        destinationType: 'cloud-watch-logs',
        destination: 'vpc-flow',
      },
      {
        id: 'fl-s3',
        resourceId: 'subnet-1',
        trafficType: 'ALL',
        status: 'ACTIVE',
        destinationType: 's3',
        destination: 'arn:aws:s3:::flow-logs',
      },
    ]);
  });
});
