import type { ConstraintRule, SynthesizedTerraform } from './rule';
import {
  nestedList,
  referencedName,
  resourcesOf,
  type AddressedBlock,
} from './synthesized-terraform';

/** The default route of the route table associated with a created subnet, if any. */
function defaultRoute(
  document: SynthesizedTerraform,
  subnetName: string,
): Record<string, unknown> | undefined {
  const association = resourcesOf(document, 'aws_route_table_association').find(
    ({ block }) => referencedName(block.subnet_id, 'aws_subnet') === subnetName,
  );
  const tableName = referencedName(association?.block.route_table_id, 'aws_route_table');
  const table = resourcesOf(document, 'aws_route_table').find(({ name }) => name === tableName);
  return nestedList(table?.block.route).find((route) => route.cidr_block === '0.0.0.0/0');
}

/** Why a created subnet without public addresses cannot reach the internet, or undefined when it can. */
function noRouteOut(document: SynthesizedTerraform, subnet: AddressedBlock): string | undefined {
  const route = defaultRoute(document, subnet.name);
  if (!route) return `${subnet.address} has no default route (0.0.0.0/0)`;
  if (route.transit_gateway_id !== undefined) return undefined;
  const natName = referencedName(route.nat_gateway_id, 'aws_nat_gateway');
  if (natName === undefined)
    return `the default route of ${subnet.address} goes to neither a NAT gateway nor a transit gateway, which an instance without a public address needs`;
  const nat = resourcesOf(document, 'aws_nat_gateway').find(({ name }) => name === natName);
  const natSubnet = referencedName(nat?.block.subnet_id, 'aws_subnet');
  const natRoute = natSubnet === undefined ? undefined : defaultRoute(document, natSubnet);
  if (referencedName(natRoute?.gateway_id, 'aws_internet_gateway') === undefined)
    return `aws_nat_gateway.${natName} sits in a subnet without a default route to an internet gateway`;
  return undefined;
}

/**
 * An Image Builder build instance in a subnet that gives it no public address reaches the
 * package repositories, the downloads and the Systems Manager endpoints only through a route
 * out; without one the build times out after the instance launched. Subnets the stack does not
 * create are judged by the pipeline's precondition at plan time instead.
 */
export const imageBuilderSubnetRoutesOut: ConstraintRule = {
  id: 'image-builder-subnet-routes-out',
  description:
    'An Image Builder infrastructure configuration in a subnet without public IP addresses needs a route out through a NAT gateway (itself routed to an internet gateway) or a transit gateway.',
  documentation:
    'https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-infra-config.html',
  check(document) {
    const subnets = resourcesOf(document, 'aws_subnet');
    return resourcesOf(document, 'aws_imagebuilder_infrastructure_configuration').flatMap(
      ({ address, block }) => {
        const name = referencedName(block.subnet_id, 'aws_subnet');
        const subnet = subnets.find((candidate) => candidate.name === name);
        if (!subnet || subnet.block.map_public_ip_on_launch === true) return [];
        const problem = noRouteOut(document, subnet);
        return problem === undefined
          ? []
          : [
              {
                rule: this.id,
                address,
                message: `builds in ${subnet.address}, which assigns no public address, but ${problem}: route it out through a NAT gateway (ForensicBuildNetwork does).`,
              },
            ];
      },
    );
  },
};
