import {
  DescribeRouteTablesCommand,
  DescribeVpcPeeringConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { routeTables, vpcPeeringConnections } from './peering';

const ec2 = mockClient(EC2Client);

beforeEach(() => ec2.reset());

describe('the VPC peering collectors', () => {
  test('keep only the routes of each table that target a peering connection', async () => {
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-1',
          VpcId: 'vpc-a',
          OwnerId: '123456789012',
          Routes: [
            { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
            { DestinationCidrBlock: '0.0.0.0/0', VpcPeeringConnectionId: 'pcx-1' },
            { DestinationPrefixListId: 'pl-1', VpcPeeringConnectionId: 'pcx-1' },
          ],
        },
      ],
    });
    expect(await routeTables.collect(collectContext(), 'us-east-1')).toEqual([
      {
        id: 'rtb-1',
        arn: 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-1',
        vpcId: 'vpc-a',
        peeringRoutes: [
          {
            peeringConnectionId: 'pcx-1',
            destinationCidr: '0.0.0.0/0',
            destinationPrefixListId: null,
          },
          { peeringConnectionId: 'pcx-1', destinationCidr: null, destinationPrefixListId: 'pl-1' },
        ],
      },
    ]);
  });

  test('read both sides of a connection with every IPv4 and IPv6 block', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({
      VpcPeeringConnections: [
        {
          VpcPeeringConnectionId: 'pcx-1',
          Status: { Code: 'active' },
          RequesterVpcInfo: {
            VpcId: 'vpc-a',
            OwnerId: '1',
            Region: 'us-east-1',
            CidrBlock: '10.0.0.0/16',
          },
          AccepterVpcInfo: {
            VpcId: 'vpc-b',
            OwnerId: '2',
            Region: 'eu-west-1',
            CidrBlock: '10.1.0.0/16',
            CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }, { CidrBlock: '10.2.0.0/16' }],
            Ipv6CidrBlockSet: [{ Ipv6CidrBlock: '2600:1f18::/56' }],
          },
        },
      ],
    });
    expect(await vpcPeeringConnections.collect(collectContext(), 'us-east-1')).toEqual([
      {
        id: 'pcx-1',
        status: 'active',
        requester: { vpcId: 'vpc-a', ownerId: '1', region: 'us-east-1', cidrs: ['10.0.0.0/16'] },
        accepter: {
          vpcId: 'vpc-b',
          ownerId: '2',
          region: 'eu-west-1',
          cidrs: ['10.1.0.0/16', '10.2.0.0/16', '2600:1f18::/56'],
        },
      },
    ]);
  });
});
