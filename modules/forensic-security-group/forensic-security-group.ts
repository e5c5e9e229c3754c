import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { plumbingTags } from '../shared/tags';
import {
  checkNamePrefix,
  checkPattern,
  checkResourceId,
  InvalidPropError,
} from '../shared/validation';

/** Properties of a {@link ForensicSecurityGroup}. */
export interface ForensicSecurityGroupProps {
  /** The VPC the forensic workstation runs in. */
  readonly vpcId: string;

  /**
   * Start of the group name, `<prefix>-forensic`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * IPv4 and IPv6 ranges the workstation may reach over HTTPS: the AWS APIs it calls (EC2, S3,
   * SSM), directly or through interface endpoints.
   *
   * @default ['0.0.0.0/0', '::/0']
   */
  readonly httpsEgressCidrBlocks?: string[];

  /**
   * Provider of the VPC's region and account.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const IPV4_CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+\/\d{1,3}$/;

/**
 * The security group of the forensic workstation that examines snapshots of isolated instances.
 *
 * It has no inbound rules: examiners reach the workstation through SSM Session Manager, which
 * needs none. Outbound it allows HTTPS only. A responder that captures memory over the network
 * adds a rule from this group to a per-case isolation group for the duration of the capture;
 * security group references work only inside one VPC, which is why there is one per VPC.
 */
export class ForensicSecurityGroup extends Construct {
  /** Id of the forensic group. */
  public readonly groupId: string;

  constructor(scope: Construct, id: string, props: ForensicSecurityGroupProps) {
    super(scope, id);
    const owner = 'ForensicSecurityGroup';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    const cidrs = props.httpsEgressCidrBlocks ?? ['0.0.0.0/0', '::/0'];
    checkNamePrefix(owner, namePrefix);
    checkResourceId(owner, 'vpcId', props.vpcId, 'vpc');
    if (cidrs.length === 0) {
      throw new InvalidPropError(
        owner,
        'httpsEgressCidrBlocks',
        cidrs,
        'must list at least one range: the workstation cannot reach the AWS APIs without one',
      );
    }
    for (const cidr of cidrs) {
      checkPattern(
        owner,
        'httpsEgressCidrBlocks',
        cidr,
        new RegExp(`${IPV4_CIDR.source}|${IPV6_CIDR.source}`),
        'a list of IPv4 or IPv6 CIDR blocks such as 10.0.0.0/16 or ::/0',
      );
    }
    const ipv4 = cidrs.filter((cidr) => IPV4_CIDR.test(cidr));
    const ipv6 = cidrs.filter((cidr) => !IPV4_CIDR.test(cidr));

    this.groupId = new SecurityGroup(this, 'group', {
      provider: props.provider,
      vpcId: props.vpcId,
      name: `${namePrefix}-forensic`,
      description: 'Pyjamas forensic workstation: no inbound, HTTPS outbound',
      ingress: [],
      egress: [
        {
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ipv4,
          ipv6CidrBlocks: ipv6,
          description: 'HTTPS to the AWS APIs',
        },
      ],
      revokeRulesOnDelete: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.forensicSecurityGroup),
    }).id;
  }
}
