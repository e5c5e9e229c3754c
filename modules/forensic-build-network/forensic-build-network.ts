import { Fn, Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkPattern } from '../shared/validation';

/** Properties of a {@link ForensicBuildNetwork}. */
export interface ForensicBuildNetworkProps {
  /**
   * Address range of the VPC, a /24 to /16 that overlaps none the account peers with; its first
   * two /26 blocks become the private and the NAT subnet.
   *
   * @default '10.254.255.0/24'
   */
  readonly cidrBlock?: string;

  /**
   * Start of every Name tag, `<prefix>-forensic-build`, ...
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region the network is created in.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/;

/**
 * A VPC of its own for the forensic AMI build and the workstation, for accounts whose VPCs the
 * stack cannot assume (CIS-hardened accounts have no default VPC): one private subnet whose
 * instances get no public address, and a NAT gateway in a second subnet as its only way out.
 *
 * Why a NAT gateway and not VPC endpoints only: the build reaches AWS services that have
 * endpoints (Systems Manager, EC2 messages, Image Builder, S3), but also the Ubuntu archive and,
 * when pinned, GitHub and the Python package index, which are outside AWS and have none. The
 * constraint: a NAT gateway costs by the hour and by the gigabyte while it exists (see Amazon VPC
 * pricing); an account that already routes a private subnet out can pass that subnet instead.
 *
 * The default security group and network ACL are taken over and emptied to what CIS 5.x asks:
 * no rule in the default group, and no ingress from anywhere to administration ports.
 */
export class ForensicBuildNetwork extends Construct {
  /** Id of the VPC. */
  public readonly vpcId: string;
  /** Id of the private subnet the build and the workstation run in. */
  public readonly privateSubnetId: string;
  /** The NAT gateway the private subnet routes out through. */
  public readonly natGatewayId: string;
  /**
   * Security group of the build instances: no inbound rule, HTTPS out and HTTP out. Ubuntu's
   * archive mirrors serve HTTP only (apt authenticates every file by the archive's signed
   * Release file instead), which the forensic group, HTTPS only, does not allow.
   */
  public readonly buildSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: ForensicBuildNetworkProps = {}) {
    super(scope, id);
    const owner = 'ForensicBuildNetwork';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix(owner, namePrefix);
    const cidrBlock = props.cidrBlock ?? '10.254.255.0/24';
    checkPattern(owner, 'cidrBlock', cidrBlock, CIDR, 'an IPv4 range from /16 to /24');
    const provider = props.provider;
    const name = `${namePrefix}-forensic-build`;
    const tags = (suffix: string) => ({
      ...plumbingTags(PLUMBING_COMPONENTS.forensicAmiPipeline),
      Name: `${name}${suffix}`,
    });

    // The SSM agent and apt resolve public names through the VPC's Amazon DNS server.
    const vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags(''),
    });
    new DefaultSecurityGroup(this, 'default-security-group', {
      provider,
      vpcId: vpc.id,
      tags: tags('-default-unused'),
    });
    // Return traffic of outbound connections arrives on ephemeral ports; nothing else may come in
    // from outside the VPC.
    new DefaultNetworkAcl(this, 'default-network-acl', {
      provider,
      defaultNetworkAclId: vpc.defaultNetworkAclId,
      ingress: [
        { ruleNo: 100, action: 'allow', protocol: '-1', cidrBlock, fromPort: 0, toPort: 0 },
        {
          ruleNo: 200,
          action: 'allow',
          protocol: 'tcp',
          cidrBlock: '0.0.0.0/0',
          fromPort: 1024,
          toPort: 65535,
        },
      ],
      egress: [
        {
          ruleNo: 100,
          action: 'allow',
          protocol: '-1',
          cidrBlock: '0.0.0.0/0',
          fromPort: 0,
          toPort: 0,
        },
      ],
      tags: tags('-acl'),
      // Subnets join the default ACL on their own; Terraform must not fight over the list.
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });
    const zones = new DataAwsAvailabilityZones(this, 'zones', { provider, state: 'available' });
    const zone = Token.asString(Fn.element(zones.names, 0));
    const subnet = (subnetId: string, index: number, suffix: string) =>
      new Subnet(this, subnetId, {
        provider,
        vpcId: vpc.id,
        cidrBlock: Token.asString(
          Fn.cidrsubnet(cidrBlock, 26 - Number(cidrBlock.split('/')[1]), index),
        ),
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: tags(suffix),
      });
    const privateSubnet = subnet('private-subnet', 0, '-private');
    const natSubnet = subnet('nat-subnet', 1, '-nat');

    const gateway = new InternetGateway(this, 'internet-gateway', {
      provider,
      vpcId: vpc.id,
      tags: tags(''),
    });
    const natRoutes = new RouteTable(this, 'nat-routes', {
      provider,
      vpcId: vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }],
      tags: tags('-nat'),
    });
    new RouteTableAssociation(this, 'nat-routes-association', {
      provider,
      subnetId: natSubnet.id,
      routeTableId: natRoutes.id,
    });
    const address = new Eip(this, 'nat-address', { provider, domain: 'vpc', tags: tags('-nat') });
    const nat = new NatGateway(this, 'nat-gateway', {
      provider,
      subnetId: natSubnet.id,
      allocationId: address.allocationId,
      connectivityType: 'public',
      tags: tags(''),
      dependsOn: [gateway],
    });
    const privateRoutes = new RouteTable(this, 'private-routes', {
      provider,
      vpcId: vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }],
      tags: tags('-private'),
    });
    new RouteTableAssociation(this, 'private-routes-association', {
      provider,
      subnetId: privateSubnet.id,
      routeTableId: privateRoutes.id,
    });

    const build = new SecurityGroup(this, 'build-group', {
      provider,
      vpcId: vpc.id,
      name: `${name}-instances`,
      description: 'Pyjamas forensic AMI builds: no inbound, HTTPS and HTTP (Ubuntu archive) out',
      ingress: [],
      egress: [443, 80].map((port) => ({
        protocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrBlocks: ['0.0.0.0/0'],
        description:
          port === 443 ? 'HTTPS: AWS APIs, pinned downloads' : 'HTTP: Ubuntu archive (signed)',
      })),
      revokeRulesOnDelete: true,
      tags: tags('-instances'),
    });

    this.vpcId = vpc.id;
    this.buildSecurityGroupId = build.id;
    this.privateSubnetId = privateSubnet.id;
    this.natGatewayId = nat.id;
  }
}
