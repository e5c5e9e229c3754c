import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Token } from 'cdktf';
import { resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import {
  IsolationSecurityGroups,
  type IsolationSecurityGroupsProps,
} from './isolation-security-groups';

const VPC = 'vpc-0123456789abcdef0';

function synthGroups(props: Partial<IsolationSecurityGroupsProps> = {}): string {
  return synthScope(
    (scope) => new IsolationSecurityGroups(scope, 'groups', { vpcId: VPC, ...props }),
  );
}

const allTraffic = expect.objectContaining({
  protocol: '-1',
  from_port: 0,
  to_port: 0,
  cidr_blocks: ['0.0.0.0/0'],
  ipv6_cidr_blocks: ['::/0'],
});

describe('IsolationSecurityGroups', () => {
  test('creates an isolation group with no inbound and no outbound rules, tagged for responders', () => {
    expect(synthGroups()).toHaveResourceWithProperties(SecurityGroup, {
      name: 'pyjamas-isolation',
      vpc_id: VPC,
      ingress: [],
      egress: [],
      tags: { 'pyjamas:component': 'isolation-security-group', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('creates an untrack group that allows all IPv4 and IPv6 traffic in both directions', () => {
    expect(synthGroups()).toHaveResourceWithProperties(SecurityGroup, {
      name: 'pyjamas-untrack',
      vpc_id: VPC,
      ingress: [allTraffic],
      egress: [allTraffic],
      tags: expect.objectContaining({ 'pyjamas:component': 'untrack-security-group' }),
    });
  });

  test('creates no memory capture group unless a path to the endpoints is given', () => {
    expect(resourcesOfType(synthGroups(), 'aws_security_group').map((group) => group.name)).toEqual(
      ['pyjamas-isolation', 'pyjamas-untrack'],
    );
  });

  test('opens only HTTPS egress to the SSM endpoints and the S3 prefix list in the memory capture group', () => {
    const synthesized = synthGroups({
      memoryCapture: {
        endpointSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'],
        s3PrefixListId: 'pl-0bbbbbbbbbbbbbbbb',
      },
    });
    expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
      name: 'pyjamas-memory-capture',
      ingress: [],
      egress: [
        expect.objectContaining({
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          security_groups: ['sg-0aaaaaaaaaaaaaaaa'],
          cidr_blocks: null,
        }),
        expect.objectContaining({
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          prefix_list_ids: ['pl-0bbbbbbbbbbbbbbbb'],
          cidr_blocks: null,
        }),
      ],
      tags: expect.objectContaining({ 'pyjamas:component': 'memory-capture-security-group' }),
    });
  });

  test('leaves S3 out of the memory capture group when no prefix list is given', () => {
    const synthesized = synthGroups({
      memoryCapture: { endpointSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] },
    });
    const capture = resourcesOfType(synthesized, 'aws_security_group').find(
      (group) => group.name === 'pyjamas-memory-capture',
    );
    expect(capture?.egress).toHaveLength(1);
  });

  test('names the groups after the prefix given', () => {
    const names = resourcesOfType(synthGroups({ namePrefix: 'ir' }), 'aws_security_group').map(
      (group) => group.name,
    );
    expect(names).toEqual(['ir-isolation', 'ir-untrack']);
  });

  test('accepts a VPC id that Terraform resolves at deploy time', () => {
    expect(() => synthGroups({ vpcId: Token.asString({ Ref: 'vpc' }) })).not.toThrow();
  });

  test.each([
    [
      { vpcId: 'my-vpc' },
      /IsolationSecurityGroups: vpcId must be an id like vpc-0123456789abcdef0, got "my-vpc"/,
    ],
    [
      { namePrefix: 'Pyjamas!' },
      /namePrefix must be 1 to 24 lowercase letters, digits or hyphens, starting with a letter, got "Pyjamas!"/,
    ],
    [
      { memoryCapture: { endpointSecurityGroupIds: [] } },
      /memoryCapture.endpointSecurityGroupIds must name the security group of the SSM interface endpoints, got \[\]/,
    ],
    [
      { memoryCapture: { endpointSecurityGroupIds: ['endpoints'] } },
      /memoryCapture.endpointSecurityGroupIds must be an id like sg-0123456789abcdef0, got "endpoints"/,
    ],
    [
      {
        memoryCapture: { endpointSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'], s3PrefixListId: 's3' },
      },
      /memoryCapture.s3PrefixListId must be an id like pl-0123456789abcdef0, got "s3"/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthGroups(props)).toThrow(message);
  });
});
