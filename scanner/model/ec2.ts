/** One permission of a security group rule, flattened: one protocol and port range, many sources. */
export interface SecurityGroupRule {
  /** `-1` for all protocols, else a name (`tcp`, `udp`, `icmp`) or an IANA number as text. */
  readonly protocol: string;
  /** Absent for all-protocol rules; -1 for ICMP "all types". */
  readonly fromPort: number | null;
  readonly toPort: number | null;
  readonly ipv4Ranges: readonly string[];
  readonly ipv6Ranges: readonly string[];
  readonly prefixListIds: readonly string[];
  readonly groupIds: readonly string[];
}

/** A security group with its rules. */
export interface SecurityGroup {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly vpcId: string | null;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
  readonly tags: { readonly [key: string]: string };
}

/** One numbered entry of a network ACL. */
export interface NetworkAclEntry {
  readonly ruleNumber: number;
  /** `-1` for all protocols, else an IANA protocol number as text (`6` TCP, `17` UDP). */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  readonly egress: boolean;
  readonly cidrBlock: string | null;
  readonly ipv6CidrBlock: string | null;
  readonly portRange: { readonly from: number; readonly to: number } | null;
}

/** A network ACL with its entries and the subnets it governs. */
export interface NetworkAcl {
  readonly id: string;
  readonly arn: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  readonly entries: readonly NetworkAclEntry[];
}

/** A VPC. */
export interface Vpc {
  readonly id: string;
  readonly arn: string;
  readonly isDefault: boolean;
  readonly cidrBlock: string | null;
}

/** A flow log and what it records where. */
export interface FlowLog {
  readonly id: string;
  readonly resourceId: string;
  /** `ACCEPT`, `REJECT` or `ALL`. */
  readonly trafficType: string;
  readonly status: string;
  readonly destinationType: string;
  readonly destination: string | null;
}

/** An EC2 instance, reduced to what the checks read. */
export interface Instance {
  readonly id: string;
  readonly arn: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`. */
  readonly state: string;
  readonly vpcId: string | null;
  /** `required` means IMDSv2 only; `optional` still answers IMDSv1. */
  readonly httpTokens: string | null;
  /** `disabled` turns the metadata service off entirely. */
  readonly httpEndpoint: string | null;
  readonly instanceProfileArn: string | null;
  readonly tags: { readonly [key: string]: string };
}

/** An EBS volume (ec2:DescribeVolumes). */
export interface Volume {
  readonly id: string;
  readonly arn: string;
  /** `creating`, `available`, `in-use`, `deleting`, `deleted` or `error`. */
  readonly state: string;
  readonly encrypted: boolean;
}

/** A VPC endpoint (ec2:DescribeVpcEndpoints). */
export interface VpcEndpoint {
  readonly id: string;
  readonly vpcId: string;
  /** e.g. `com.amazonaws.us-east-1.s3`. */
  readonly serviceName: string;
  /** `Gateway`, `Interface`, `GatewayLoadBalancer`, … */
  readonly type: string;
  readonly state: string;
}
