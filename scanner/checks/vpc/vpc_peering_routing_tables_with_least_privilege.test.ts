import { ACCOUNT, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import type { PeeringRoute, RouteTable } from '../../model/peering';
import check from './vpc_peering_routing_tables_with_least_privilege';

const pcx = {
  id: 'pcx-1',
  status: 'active',
  requester: { vpcId: 'vpc-a', ownerId: ACCOUNT, region: 'us-east-1', cidrs: ['10.0.0.0/16'] },
  accepter: {
    vpcId: 'vpc-b',
    ownerId: ACCOUNT,
    region: 'us-east-1',
    cidrs: ['10.1.0.0/16', '2600:1f18:aa:bb00::/56'],
  },
};

function table(id: string, vpcId: string, routes: Partial<PeeringRoute>[]): RouteTable {
  return {
    id,
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:route-table/${id}`,
    vpcId,
    peeringRoutes: routes.map((route) => ({
      peeringConnectionId: 'pcx-1',
      destinationCidr: null,
      destinationPrefixListId: null,
      ...route,
    })),
  };
}

const run = (routeTables: RouteTable[]) =>
  runCheck(
    check,
    inventoryOf({
      regional: { 'us-east-1': { routeTables, vpcPeeringConnections: [pcx] } },
    }),
  );

describe('vpc_peering_routing_tables_with_least_privilege', () => {
  test('passes routes within the peer VPC, from either side, IPv4 and IPv6', () => {
    const findings = run([
      table('rtb-a', 'vpc-a', [
        { destinationCidr: '10.1.4.0/24' },
        { destinationCidr: '2600:1f18:aa:bb00::/64' },
      ]),
      table('rtb-b', 'vpc-b', [{ destinationCidr: '10.0.0.0/16' }]),
    ]);
    expect(verdicts(findings)).toEqual([
      ['PASS', 'rtb-a'],
      ['PASS', 'rtb-b'],
    ]);
  });

  test('fails a route wider than the peer, naming route and connection', () => {
    const findings = run([table('rtb-a', 'vpc-a', [{ destinationCidr: '0.0.0.0/0' }])]);
    expect(verdicts(findings)).toEqual([['FAIL', 'rtb-a']]);
    expect(findings[0]?.message).toMatch(/0\.0\.0\.0\/0 via pcx-1 is wider than peer vpc-b/);
  });

  test('leaves prefix-list routes and unknown connections to a person', () => {
    const findings = run([
      table('rtb-a', 'vpc-a', [{ destinationPrefixListId: 'pl-1' }]),
      table('rtb-c', 'vpc-a', [
        { peeringConnectionId: 'pcx-gone', destinationCidr: '10.9.0.0/16' },
      ]),
    ]);
    expect(verdicts(findings)).toEqual([
      ['MANUAL', 'rtb-a'],
      ['MANUAL', 'rtb-c'],
    ]);
  });

  test('is not applicable to a region without peering routes', () => {
    const findings = run([table('rtb-main', 'vpc-a', [])]);
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
