import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import type { RouteTable, VpcPeeringConnection } from '../../model/peering';
import { accountResource, fail, manual, notApplicable, pass } from '../results';
import { cidrWithin } from './cidr';

/** Why a peering route is not least access, or undefined when it is; null when unjudgeable. */
function problemOf(
  table: RouteTable,
  route: RouteTable['peeringRoutes'][number],
  connections: ReadonlyMap<string, VpcPeeringConnection>,
): string | null | undefined {
  const pcx = connections.get(route.peeringConnectionId);
  if (!pcx || route.destinationCidr === null) return null;
  const peer = pcx.requester.vpcId === table.vpcId ? pcx.accepter : pcx.requester;
  if (peer.cidrs.some((cidr) => cidrWithin(route.destinationCidr ?? '', cidr))) return undefined;
  return `${route.destinationCidr} via ${pcx.id} is wider than peer ${peer.vpcId} (${peer.cidrs.join(', ') || 'no CIDR'})`;
}

function judge(
  region: string,
  table: RouteTable,
  connections: ReadonlyMap<string, VpcPeeringConnection>,
): CheckResult {
  const resource = { region, type: 'AwsEc2RouteTable', id: table.id, arn: table.arn };
  const problems: string[] = [];
  const unjudged: string[] = [];
  for (const route of table.peeringRoutes) {
    const problem = problemOf(table, route, connections);
    if (problem) problems.push(problem);
    else if (problem === null)
      unjudged.push(
        `${route.destinationCidr ?? route.destinationPrefixListId ?? '?'} via ${route.peeringConnectionId}`,
      );
  }
  if (problems.length > 0)
    return fail(
      resource,
      `Route table ${table.id} routes more than the peer VPC: ${problems.join('; ')}.`,
    );
  if (unjudged.length > 0)
    return manual(
      resource,
      `Route table ${table.id} has peering routes whose peer CIDRs or destination cannot be read (a prefix list, or a connection not visible here): ${unjudged.join('; ')}.`,
    );
  return pass(
    resource,
    `Every peering route of route table ${table.id} stays within the peer VPC.`,
  );
}

export default defineCheck({
  id: 'vpc_peering_routing_tables_with_least_privilege',
  title: 'Routes to VPC peering connections reach no further than the peer VPC',
  service: 'vpc',
  severity: 'medium',
  resourceType: 'AwsEc2RouteTable',
  risk: 'A route wider than the peer VPC (for example 0.0.0.0/0 to a peering connection) sends traffic for unrelated networks to the peer, and widens what an intruder in either VPC can reach.',
  remediation:
    'Replace the route by routes to the peer subnets that need to be reached: aws ec2 replace-route --route-table-id <id> --destination-cidr-block <peer subnet> --vpc-peering-connection-id <pcx>, or delete it.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
  ],
  needs: ['routeTables', 'vpcPeeringConnections'],
  // The CIS audit asks whether peering routes are as specific as they need to be; that a route
  // stays within the peer VPC's CIDRs is the automatable part of it.
  evaluate: ({ routeTables, vpcPeeringConnections }, ctx) =>
    ctx.regions.flatMap((region) => {
      const connections = new Map(
        (vpcPeeringConnections[region] ?? []).map((pcx) => [pcx.id, pcx] as const),
      );
      const tables = (routeTables[region] ?? []).filter((table) => table.peeringRoutes.length > 0);
      if (tables.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `No route table in ${region} routes to a VPC peering connection.`,
          ),
        ];
      return tables.map((table) => judge(region, table, connections));
    }),
});
