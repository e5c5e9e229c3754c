import type { IpPermission } from '@aws-sdk/client-ec2';
import { tagRecord } from '../../lib/aws/tags';
import type { Instance, NetworkAcl, SecurityGroupRule, Volume, VpcEndpoint } from '../model/ec2';
import type { CollectContext, RegionalCollector } from './collector';
import { loadEc2Sdk } from './ec2-sdk';

/** A region's VPCs. */
export const vpcs: RegionalCollector<'vpcs'> = {
  scope: 'regional',
  apis: ['ec2:DescribeVpcs'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result = [];
    for await (const page of sdk.paginateDescribeVpcs(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const vpc of page.Vpcs ?? []) {
        result.push({
          id: vpc.VpcId ?? '',
          arn: ec2Arn(ctx, region, 'vpc', vpc.VpcId),
          isDefault: vpc.IsDefault ?? false,
          cidrBlock: vpc.CidrBlock ?? null,
        });
      }
    }
    return result;
  },
};

/** A region's flow logs. */
export const flowLogs: RegionalCollector<'flowLogs'> = {
  scope: 'regional',
  apis: ['ec2:DescribeFlowLogs'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result = [];
    for await (const page of sdk.paginateDescribeFlowLogs(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const log of page.FlowLogs ?? []) {
        result.push({
          id: log.FlowLogId ?? '',
          resourceId: log.ResourceId ?? '',
          trafficType: log.TrafficType ?? '',
          status: log.FlowLogStatus ?? '',
          destinationType: log.LogDestinationType ?? '',
          destination: log.LogDestination ?? log.LogGroupName ?? null,
        });
      }
    }
    return result;
  },
};

/** A region's security groups with their rules. */
export const securityGroups: RegionalCollector<'securityGroups'> = {
  scope: 'regional',
  apis: ['ec2:DescribeSecurityGroups'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result = [];
    for await (const page of sdk.paginateDescribeSecurityGroups(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const group of page.SecurityGroups ?? []) {
        result.push({
          id: group.GroupId ?? '',
          arn: ec2Arn(ctx, region, 'security-group', group.GroupId),
          name: group.GroupName ?? '',
          vpcId: group.VpcId ?? null,
          ingress: (group.IpPermissions ?? []).map(rule),
          egress: (group.IpPermissionsEgress ?? []).map(rule),
          tags: tagRecord(group.Tags),
        });
      }
    }
    return result;
  },
};

/** A region's network ACLs with their entries. */
export const networkAcls: RegionalCollector<'networkAcls'> = {
  scope: 'regional',
  apis: ['ec2:DescribeNetworkAcls'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result: NetworkAcl[] = [];
    for await (const page of sdk.paginateDescribeNetworkAcls(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const acl of page.NetworkAcls ?? []) {
        result.push({
          id: acl.NetworkAclId ?? '',
          arn: ec2Arn(ctx, region, 'network-acl', acl.NetworkAclId),
          vpcId: acl.VpcId ?? '',
          isDefault: acl.IsDefault ?? false,
          subnetIds: (acl.Associations ?? []).map((association) => association.SubnetId ?? ''),
          entries: (acl.Entries ?? []).map((entry) => ({
            ruleNumber: entry.RuleNumber ?? 0,
            protocol: entry.Protocol ?? '-1',
            action: entry.RuleAction === 'deny' ? 'deny' : 'allow',
            egress: entry.Egress ?? false,
            cidrBlock: entry.CidrBlock ?? null,
            ipv6CidrBlock: entry.Ipv6CidrBlock ?? null,
            portRange:
              entry.PortRange?.From !== undefined && entry.PortRange.To !== undefined
                ? { from: entry.PortRange.From, to: entry.PortRange.To }
                : null,
          })),
        });
      }
    }
    return result;
  },
};

/** A region's instances, every state. */
export const instances: RegionalCollector<'instances'> = {
  scope: 'regional',
  apis: ['ec2:DescribeInstances'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result: Instance[] = [];
    for await (const page of sdk.paginateDescribeInstances(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const instance of (page.Reservations ?? []).flatMap(
        (reservation) => reservation.Instances ?? [],
      )) {
        result.push({
          id: instance.InstanceId ?? '',
          arn: ec2Arn(ctx, region, 'instance', instance.InstanceId),
          state: instance.State?.Name ?? 'unknown',
          vpcId: instance.VpcId ?? null,
          httpTokens: instance.MetadataOptions?.HttpTokens ?? null,
          httpEndpoint: instance.MetadataOptions?.HttpEndpoint ?? null,
          instanceProfileArn: instance.IamInstanceProfile?.Arn ?? null,
          tags: tagRecord(instance.Tags),
        });
      }
    }
    return result;
  },
};

/** Whether a region encrypts new EBS volumes by default. */
export const ebsEncryptionByDefault: RegionalCollector<'ebsEncryptionByDefault'> = {
  scope: 'regional',
  apis: ['ec2:GetEbsEncryptionByDefault'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const { EbsEncryptionByDefault } = await ctx.aws
      .get(sdk.EC2Client, region)
      .send(new sdk.GetEbsEncryptionByDefaultCommand({}));
    return EbsEncryptionByDefault ?? false;
  },
};

function ec2Arn(ctx: CollectContext, region: string, type: string, id: string | undefined): string {
  return `arn:${ctx.partition}:ec2:${region}:${ctx.account}:${type}/${id ?? ''}`;
}

function rule(permission: IpPermission): SecurityGroupRule {
  return {
    protocol: permission.IpProtocol ?? '-1',
    fromPort: permission.FromPort ?? null,
    toPort: permission.ToPort ?? null,
    ipv4Ranges: (permission.IpRanges ?? []).map((range) => range.CidrIp ?? ''),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).map((range) => range.CidrIpv6 ?? ''),
    prefixListIds: (permission.PrefixListIds ?? []).map((list) => list.PrefixListId ?? ''),
    groupIds: (permission.UserIdGroupPairs ?? []).map((pair) => pair.GroupId ?? ''),
  };
}

/** A region's EBS volumes. */
export const volumes: RegionalCollector<'volumes'> = {
  scope: 'regional',
  apis: ['ec2:DescribeVolumes'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result: Volume[] = [];
    for await (const page of sdk.paginateDescribeVolumes(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      { MaxResults: 500 },
    )) {
      for (const volume of page.Volumes ?? []) {
        result.push({
          id: volume.VolumeId ?? '',
          arn: ec2Arn(ctx, region, 'volume', volume.VolumeId),
          state: volume.State ?? '',
          encrypted: volume.Encrypted ?? false,
        });
      }
    }
    return result;
  },
};

/** A region's VPC endpoints. */
export const vpcEndpoints: RegionalCollector<'vpcEndpoints'> = {
  scope: 'regional',
  apis: ['ec2:DescribeVpcEndpoints'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const result: VpcEndpoint[] = [];
    for await (const page of sdk.paginateDescribeVpcEndpoints(
      { client: ctx.aws.get(sdk.EC2Client, region) },
      {},
    )) {
      for (const endpoint of page.VpcEndpoints ?? []) {
        result.push({
          id: endpoint.VpcEndpointId ?? '',
          vpcId: endpoint.VpcId ?? '',
          serviceName: endpoint.ServiceName ?? '',
          type: endpoint.VpcEndpointType ?? '',
          state: endpoint.State ?? '',
        });
      }
    }
    return result;
  },
};
