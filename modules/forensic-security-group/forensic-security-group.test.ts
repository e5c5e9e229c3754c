import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { synthScope } from '../../test/helpers/cdktf-jest';
import { ForensicSecurityGroup, type ForensicSecurityGroupProps } from './forensic-security-group';

const VPC = 'vpc-0123456789abcdef0';

function synthGroup(props: Partial<ForensicSecurityGroupProps> = {}): string {
  return synthScope(
    (scope) => new ForensicSecurityGroup(scope, 'forensic', { vpcId: VPC, ...props }),
  );
}

describe('ForensicSecurityGroup', () => {
  test('allows no inbound traffic and HTTPS outbound to IPv4 and IPv6 by default', () => {
    expect(synthGroup()).toHaveResourceWithProperties(SecurityGroup, {
      name: 'pyjamas-forensic',
      vpc_id: VPC,
      ingress: [],
      egress: [
        expect.objectContaining({
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: ['::/0'],
        }),
      ],
      tags: { 'pyjamas:component': 'forensic-security-group', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('limits HTTPS egress to the ranges given, sorted by address family', () => {
    expect(
      synthGroup({ httpsEgressCidrBlocks: ['10.0.0.0/16', 'fd00::/8'] }),
    ).toHaveResourceWithProperties(SecurityGroup, {
      egress: [
        expect.objectContaining({ cidr_blocks: ['10.0.0.0/16'], ipv6_cidr_blocks: ['fd00::/8'] }),
      ],
    });
  });

  test.each([
    [
      { vpcId: 'default' },
      /ForensicSecurityGroup: vpcId must be an id like vpc-0123456789abcdef0, got "default"/,
    ],
    [{ namePrefix: '' }, /namePrefix must be 1 to 24 lowercase letters/],
    [
      { httpsEgressCidrBlocks: [] },
      /httpsEgressCidrBlocks must list at least one range: the workstation cannot reach the AWS APIs without one, got \[\]/,
    ],
    [
      { httpsEgressCidrBlocks: ['10.0.0.0'] },
      /httpsEgressCidrBlocks must be a list of IPv4 or IPv6 CIDR blocks such as 10.0.0.0\/16 or ::\/0, got "10.0.0.0"/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthGroup(props)).toThrow(message);
  });
});
