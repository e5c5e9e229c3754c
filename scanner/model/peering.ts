/** A route of a route table whose target is a VPC peering connection. */
export interface PeeringRoute {
  readonly peeringConnectionId: string;
  /** IPv4 or IPv6 destination CIDR; null when the destination is a prefix list. */
  readonly destinationCidr: string | null;
  readonly destinationPrefixListId: string | null;
}

/** A route table (ec2:DescribeRouteTables), reduced to its routes to peering connections. */
export interface RouteTable {
  readonly id: string;
  readonly arn: string;
  readonly vpcId: string;
  readonly peeringRoutes: readonly PeeringRoute[];
}

/** One side of a peering connection: its VPC and that VPC's CIDR blocks, IPv4 and IPv6. */
export interface PeeringSide {
  readonly vpcId: string;
  readonly ownerId: string;
  readonly region: string;
  readonly cidrs: readonly string[];
}

/** A VPC peering connection (ec2:DescribeVpcPeeringConnections). */
export interface VpcPeeringConnection {
  readonly id: string;
  /** `active`, `pending-acceptance`, `deleted`… */
  readonly status: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
}
