import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkResourceId, InvalidPropError } from '../shared/validation';

/**
 * The way out of isolation that memory capture needs when the instance is contained first:
 * HTTPS to the VPC's Systems Manager interface endpoints, so that Run Command can reach the SSM
 * agent, and to its S3 gateway endpoint, where the capture is uploaded.
 */
export interface MemoryCapturePath {
  /**
   * Security groups attached to the VPC's interface endpoints for `ssm`, `ssmmessages` and
   * `ec2messages`. The capture group allows tcp/443 to them and nowhere else.
   */
  readonly endpointSecurityGroupIds: string[];

  /**
   * Id of the AWS-managed prefix list of the VPC's S3 gateway endpoint
   * (`com.amazonaws.<region>.s3`).
   *
   * @default - no path to S3; the capture must be uploaded through an S3 interface endpoint
   * covered by `endpointSecurityGroupIds`
   */
  readonly s3PrefixListId?: string;
}

/** Properties of {@link IsolationSecurityGroups}. */
export interface IsolationSecurityGroupsProps {
  /** The VPC the groups belong to: security groups are VPC-scoped, so each VPC needs its own. */
  readonly vpcId: string;

  /**
   * Start of the group names: `<prefix>-isolation`, `<prefix>-untrack` and
   * `<prefix>-memory-capture`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Adds a third group that allows only egress to the VPC's SSM and S3 endpoints, for capturing
   * memory after the instance has been isolated.
   *
   * @default - no memory capture group
   */
  readonly memoryCapture?: MemoryCapturePath;

  /**
   * Provider of the VPC's region and account.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const ALL_TRAFFIC = {
  protocol: '-1',
  fromPort: 0,
  toPort: 0,
  cidrBlocks: ['0.0.0.0/0'],
  ipv6CidrBlocks: ['::/0'],
};

/**
 * The security groups a responder swaps an instance's network interfaces into, in one VPC.
 *
 * Changing security groups does not cut connections the groups already track. Responders
 * therefore move every interface to the *untrack* group first: because it allows all traffic in
 * both directions for IPv4 and IPv6, EC2 stops tracking the TCP and UDP flows. Then they move the
 * interfaces to the *isolation* group, which has no rules at all, and the untracked flows stop at
 * once. ICMP and flows through NAT gateways, load balancers or PrivateLink stay tracked.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html
 */
export class IsolationSecurityGroups extends Construct {
  /** Id of the VPC the groups belong to. */
  public readonly vpcId: string;
  /** Id of the isolation group: no inbound or outbound rules. */
  public readonly isolationGroupId: string;
  /** Id of the untrack group: all traffic in and out, IPv4 and IPv6. */
  public readonly untrackGroupId: string;
  /** Id of the memory capture group, when `memoryCapture` is given. */
  public readonly memoryCaptureGroupId?: string;

  constructor(scope: Construct, id: string, props: IsolationSecurityGroupsProps) {
    super(scope, id);
    const owner = 'IsolationSecurityGroups';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix(owner, namePrefix);
    checkResourceId(owner, 'vpcId', props.vpcId, 'vpc');
    if (props.memoryCapture) checkMemoryCapturePath(props.memoryCapture);
    const provider = props.provider;
    this.vpcId = props.vpcId;

    this.isolationGroupId = new SecurityGroup(this, 'isolation', {
      provider,
      vpcId: props.vpcId,
      name: `${namePrefix}-isolation`,
      description: 'Pyjamas isolation: no inbound or outbound traffic',
      // AWS gives every new group an allow-all egress rule. The provider removes it when the group
      // is created, and the explicit empty lists make Terraform put the group back to no rules
      // whenever someone adds one.
      ingress: [],
      egress: [],
      revokeRulesOnDelete: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.isolationSecurityGroup),
    }).id;

    this.untrackGroupId = new SecurityGroup(this, 'untrack', {
      provider,
      vpcId: props.vpcId,
      name: `${namePrefix}-untrack`,
      description: 'Pyjamas isolation step 1: all traffic, so that existing flows become untracked',
      ingress: [{ ...ALL_TRAFFIC, description: 'All inbound traffic: untracks existing flows' }],
      egress: [{ ...ALL_TRAFFIC, description: 'All outbound traffic: untracks existing flows' }],
      revokeRulesOnDelete: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.untrackSecurityGroup),
    }).id;

    if (props.memoryCapture) {
      this.memoryCaptureGroupId = this.memoryCaptureGroup(
        props.memoryCapture,
        namePrefix,
        provider,
      );
    }
  }

  private memoryCaptureGroup(
    path: MemoryCapturePath,
    namePrefix: string,
    provider?: TerraformProvider,
  ): string {
    const https = { protocol: 'tcp', fromPort: 443, toPort: 443 };
    return new SecurityGroup(this, 'memory-capture', {
      provider,
      vpcId: this.vpcId,
      name: `${namePrefix}-memory-capture`,
      description:
        'Pyjamas isolation with a path for memory capture: HTTPS to the SSM and S3 endpoints only',
      ingress: [],
      egress: [
        {
          ...https,
          securityGroups: path.endpointSecurityGroupIds,
          description: 'SSM agent to the Systems Manager interface endpoints',
        },
        ...(path.s3PrefixListId
          ? [
              {
                ...https,
                prefixListIds: [path.s3PrefixListId],
                description: 'Capture upload to the S3 gateway endpoint',
              },
            ]
          : []),
      ],
      revokeRulesOnDelete: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.memoryCaptureSecurityGroup),
    }).id;
  }
}

function checkMemoryCapturePath(path: MemoryCapturePath): void {
  const owner = 'IsolationSecurityGroups';
  if (path.endpointSecurityGroupIds.length === 0) {
    throw new InvalidPropError(
      owner,
      'memoryCapture.endpointSecurityGroupIds',
      path.endpointSecurityGroupIds,
      'must name the security group of the SSM interface endpoints',
    );
  }
  for (const group of path.endpointSecurityGroupIds)
    checkResourceId(owner, 'memoryCapture.endpointSecurityGroupIds', group, 'sg');
  if (path.s3PrefixListId !== undefined)
    checkResourceId(owner, 'memoryCapture.s3PrefixListId', path.s3PrefixListId, 'pl');
}
