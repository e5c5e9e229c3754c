import type { VpcPeeringConnectionVpcInfo } from '@aws-sdk/client-ec2';
import type { PeeringSide, RouteTable, VpcPeeringConnection } from '../model/peering';
import type { RegionalCollector } from './collector';
import { loadEc2Sdk } from './ec2-sdk';

/** A region's route tables, each with only its routes to peering connections. */
export const routeTables: RegionalCollector<'routeTables'> = {
  scope: 'regional',
  apis: ['ec2:DescribeRouteTables'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const client = ctx.aws.get(sdk.EC2Client, region);
    const tables: RouteTable[] = [];
    for await (const page of sdk.paginateDescribeRouteTables({ client }, {}))
      for (const table of page.RouteTables ?? [])
        tables.push({
          id: table.RouteTableId ?? '',
          arn: `arn:${ctx.partition}:ec2:${region}:${table.OwnerId ?? ctx.account}:route-table/${table.RouteTableId ?? ''}`,
          vpcId: table.VpcId ?? '',
          peeringRoutes: (table.Routes ?? [])
            .filter((route) => route.VpcPeeringConnectionId)
            .map((route) => ({
              peeringConnectionId: route.VpcPeeringConnectionId ?? '',
              destinationCidr: route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? null,
              destinationPrefixListId: route.DestinationPrefixListId ?? null,
            })),
        });
    return tables;
  },
};

function sideOf(info: VpcPeeringConnectionVpcInfo | undefined): PeeringSide {
  const ipv4 = (info?.CidrBlockSet ?? []).map((block) => block.CidrBlock ?? '');
  const ipv6 = (info?.Ipv6CidrBlockSet ?? []).map((block) => block.Ipv6CidrBlock ?? '');
  return {
    vpcId: info?.VpcId ?? '',
    ownerId: info?.OwnerId ?? '',
    region: info?.Region ?? '',
    // CidrBlockSet lists every IPv4 block; older answers carry only the primary CidrBlock.
    cidrs: [...(ipv4.length > 0 ? ipv4 : info?.CidrBlock ? [info.CidrBlock] : []), ...ipv6].filter(
      Boolean,
    ),
  };
}

/**
 * A region's peering connections, as requester or accepter; an inter-region connection is
 * listed in both regions.
 */
export const vpcPeeringConnections: RegionalCollector<'vpcPeeringConnections'> = {
  scope: 'regional',
  apis: ['ec2:DescribeVpcPeeringConnections'],
  async collect(ctx, region) {
    const sdk = await loadEc2Sdk();
    const client = ctx.aws.get(sdk.EC2Client, region);
    const connections: VpcPeeringConnection[] = [];
    for await (const page of sdk.paginateDescribeVpcPeeringConnections({ client }, {}))
      for (const pcx of page.VpcPeeringConnections ?? [])
        connections.push({
          id: pcx.VpcPeeringConnectionId ?? '',
          status: pcx.Status?.Code ?? '',
          requester: sideOf(pcx.RequesterVpcInfo),
          accepter: sideOf(pcx.AccepterVpcInfo),
        });
    return connections;
  },
};
