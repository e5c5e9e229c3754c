import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { securityGroup, sgRule } from '../../../test/fixtures/resources';
import type { SecurityGroupRule } from '../../model/ec2';
import check from './ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports';

const open = (rule: Partial<SecurityGroupRule>) => sgRule({ ipv6Ranges: ['::/0'], ...rule });

describe('ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports', () => {
  test.each<[string, Partial<SecurityGroupRule>]>([
    ['TCP 22', { protocol: 'tcp', fromPort: 22, toPort: 22 }],
    ['TCP 3389', { protocol: 'tcp', fromPort: 3389, toPort: 3389 }],
    ['UDP 3389', { protocol: 'udp', fromPort: 3389, toPort: 3389 }],
    ['protocol number 6, ports 0-1024', { protocol: '6', fromPort: 0, toPort: 1024 }],
    ['a TCP range 20-30', { protocol: 'tcp', fromPort: 20, toPort: 30 }],
    ['all protocols', { protocol: '-1', fromPort: null, toPort: null }],
  ])('fails a group open to ::/0 on %s', (_, rule) => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': {
          securityGroups: [securityGroup('sg-open', 'us-east-1', { ingress: [open(rule)] })],
        },
      },
    });
    expect(verdicts(runCheck(check, inventory))).toEqual([['FAIL', 'sg-open']]);
  });

  test.each(['0::/0', '0:0::/0', '0000::/0', ' ::/0 '])(
    'fails a group open to port 22 from the internet spelt %p',
    (cidr) => {
      const group = securityGroup('sg-open', 'us-east-1', {
        ingress: [sgRule({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv6Ranges: [cidr] })],
      });
      const findings = runCheck(
        check,
        inventoryOf({ regional: { 'us-east-1': { securityGroups: [group] } } }),
      );
      expect(verdicts(findings)).toEqual([['FAIL', 'sg-open']]);
      expect(findings[0]?.message).toMatch(/from ::\/0 to port 22\.$/);
    },
  );

  test.each<[string, Partial<SecurityGroupRule>]>([
    [
      'TCP 443 from anywhere',
      { protocol: 'tcp', fromPort: 443, toPort: 443, ipv6Ranges: ['::/0'] },
    ],
    [
      'TCP 22 from a documentation range',
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipv6Ranges: ['2001:db8::/32'] },
    ],
    [
      'TCP 22 from a /1 that is not the whole internet',
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipv6Ranges: ['::/1'] },
    ],
    [
      'TCP 22 from 0.0.0.0/0 only (the IPv4 check covers it)',
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] },
    ],
    ['ICMPv6 from anywhere', { protocol: '58', fromPort: -1, toPort: -1, ipv6Ranges: ['::/0'] }],
    [
      'all traffic from another security group',
      { protocol: '-1', fromPort: null, toPort: null, groupIds: ['sg-2'] },
    ],
    [
      'all traffic from a prefix list',
      { protocol: '-1', fromPort: null, toPort: null, prefixListIds: ['pl-1'] },
    ],
  ])('passes a group with %s', (_, rule) => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': {
          securityGroups: [securityGroup('sg-ok', 'us-east-1', { ingress: [sgRule(rule)] })],
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([['PASS', 'sg-ok']]);
    expect(findings[0]?.message).toMatch(/allows no ingress from ::\/0 to ports 22 or 3389/);
  });

  test('ignores egress rules open to ::/0', () => {
    const group = securityGroup('sg-egress', 'us-east-1', {
      egress: [open({ protocol: '-1', fromPort: null, toPort: null })],
    });
    expect(
      verdicts(
        runCheck(check, inventoryOf({ regional: { 'us-east-1': { securityGroups: [group] } } })),
      ),
    ).toEqual([['PASS', 'sg-egress']]);
  });

  test('names the open ports in the message', () => {
    const group = securityGroup('sg-both', 'us-east-1', {
      ingress: [open({ protocol: 'tcp', fromPort: 0, toPort: 65535 })],
    });
    const [finding] = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { securityGroups: [group] } } }),
    );
    expect(finding?.message).toMatch(/to ports 22 and 3389/);
  });

  test('is not applicable in a region without security groups', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { securityGroups: [] } } }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toMatch(/eu-west-1 has no security groups/);
  });

  test('judges the readable regions and reports an error for a region it could not read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { securityGroups: [securityGroup('sg-ok')] },
        'eu-west-1': {
          securityGroups: failed(
            'ec2:DescribeSecurityGroups',
            'eu-west-1',
            'UnauthorizedOperation',
          ),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'sg-ok'],
    ]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: expect.stringMatching(/ec2:DescribeSecurityGroups failed in eu-west-1/),
    });
  });
});
