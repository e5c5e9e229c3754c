import { aclEntry, sgRule } from '../../../test/fixtures/resources';
import type { NetworkAclEntry } from '../../model/ec2';
import {
  adminPortsAllowedByAcl,
  adminPortsOpenToInternet,
  adminPortsOpened,
  isInternet,
} from './admin-ports';

/** An inbound entry from the whole IPv4 internet. */
const fromInternet = (overrides: Partial<NetworkAclEntry>) =>
  aclEntry({ cidrBlock: '0.0.0.0/0', ...overrides });
/** An inbound entry from the whole IPv6 internet. */
const fromInternetV6 = (overrides: Partial<NetworkAclEntry>) =>
  aclEntry({ cidrBlock: null, ipv6CidrBlock: '::/0', ...overrides });

describe('adminPortsOpened', () => {
  test.each<[string, string, number | null, number | null, number[]]>([
    ['TCP 22', 'tcp', 22, 22, [22]],
    ['TCP 3389', 'tcp', 3389, 3389, [3389]],
    ['UDP 22', 'udp', 22, 22, [22]],
    ['upper-case TCP 22', 'TCP', 22, 22, [22]],
    ['protocol number 6 across both ports', '6', 0, 65535, [22, 3389]],
    ['protocol number 17 on 3389', '17', 3389, 3389, [3389]],
    ['a range ending at 22', 'tcp', 20, 22, [22]],
    ['a range starting at 3389', 'tcp', 3389, 3400, [3389]],
    ['a range between the admin ports', 'tcp', 23, 3388, []],
    ['TCP 443', 'tcp', 443, 443, []],
    ['all protocols without ports', '-1', null, null, [22, 3389]],
    ['all protocols spelt "all"', 'all', null, null, [22, 3389]],
    ['all protocols even with a narrow port range', '-1', 443, 443, [22, 3389]],
    ['TCP without ports', 'tcp', null, null, [22, 3389]],
    ['ICMP', 'icmp', -1, -1, []],
    ['protocol number 1 (ICMP)', '1', -1, -1, []],
    ['ICMPv6', '58', -1, -1, []],
  ])('%s opens %p', (_, protocol, from, to, expected) => {
    expect(adminPortsOpened(protocol, from, to)).toEqual(expected);
  });
});

describe('isInternet', () => {
  // A prefix length of 0 covers every address, whatever the address bits say.
  test.each(['0.0.0.0/0', ' 0.0.0.0/0 ', '10.1.2.3/0'])(
    'recognises %p as the IPv4 internet',
    (cidr) => {
      expect(isInternet(cidr, 'ipv4')).toBe(true);
    },
  );

  test.each([
    '::/0',
    '0::/0',
    '0:0::/0',
    '0000::/0',
    '0:0:0:0:0:0:0::/0',
    ' ::/0 ',
    '0:0:0:0:0:0:0:0/0',
    '::0/0',
    '1::/0',
  ])('recognises %p as the IPv6 internet', (cidr) => {
    expect(isInternet(cidr, 'ipv6')).toBe(true);
  });

  test.each<[string | null, 'ipv4' | 'ipv6']>([
    [null, 'ipv4'],
    [null, 'ipv6'],
    ['', 'ipv4'],
    ['10.0.0.0/8', 'ipv4'],
    ['0.0.0.0/1', 'ipv4'],
    ['0.0.0.0/32', 'ipv4'],
    ['::/0', 'ipv4'],
    ['0.0.0.0/0', 'ipv6'],
    ['::/1', 'ipv6'],
    ['::/128', 'ipv6'],
    ['2001:db8::/32', 'ipv6'],
  ])('does not take %p for the %s internet', (cidr, family) => {
    expect(isInternet(cidr, family)).toBe(false);
  });
});

describe('adminPortsOpenToInternet', () => {
  test('reads the ranges of the family asked for only', () => {
    const rule = sgRule({
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      ipv4Ranges: ['10.0.0.0/8'],
      ipv6Ranges: ['::/0'],
    });
    expect(adminPortsOpenToInternet(rule, 'ipv4')).toEqual([]);
    expect(adminPortsOpenToInternet(rule, 'ipv6')).toEqual([22]);
  });

  test('finds the internet among several ranges of a rule', () => {
    const rule = sgRule({
      protocol: 'tcp',
      fromPort: 3389,
      toPort: 3389,
      ipv4Ranges: ['10.0.0.0/8', '0.0.0.0/0'],
    });
    expect(adminPortsOpenToInternet(rule, 'ipv4')).toEqual([3389]);
  });
});

describe('adminPortsAllowedByAcl', () => {
  test('finds nothing open when only the catch-all deny entries remain', () => {
    expect(
      adminPortsAllowedByAcl([
        fromInternet({ ruleNumber: 32767, protocol: '-1', action: 'deny', portRange: null }),
      ]),
    ).toEqual([]);
  });

  test('finds both ports open behind an allow-all entry, as in a default network ACL', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '-1', portRange: null }),
      fromInternet({ ruleNumber: 32767, protocol: '-1', action: 'deny', portRange: null }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([22, 3389]);
  });

  test('lets the first matching entry by rule number decide, whatever the order of the list', () => {
    const entries = [
      fromInternet({ ruleNumber: 200, protocol: '6', portRange: { from: 22, to: 22 } }),
      fromInternet({
        ruleNumber: 100,
        protocol: '6',
        action: 'deny',
        portRange: { from: 22, to: 22 },
      }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([]);
  });

  test('lets a lower deny of one port shadow only that port of a higher allow', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '-1', action: 'deny', portRange: null }),
      fromInternet({
        ruleNumber: 50,
        protocol: '6',
        action: 'deny',
        portRange: { from: 22, to: 22 },
      }),
      fromInternet({ ruleNumber: 90, protocol: '6', portRange: { from: 0, to: 65535 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([3389]);
  });

  test('keeps a port open when a lower allow precedes a higher deny', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '6', portRange: { from: 3389, to: 3389 } }),
      fromInternet({ ruleNumber: 200, protocol: '-1', action: 'deny', portRange: null }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([3389]);
  });

  test('looks past a deny of a narrower source to the allow from the internet behind it', () => {
    const entries = [
      aclEntry({
        ruleNumber: 100,
        protocol: '-1',
        action: 'deny',
        cidrBlock: '198.51.100.0/24',
        portRange: null,
      }),
      fromInternet({ ruleNumber: 200, protocol: '6', portRange: { from: 22, to: 22 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([22]);
  });

  test('ignores allows from a narrower source', () => {
    expect(
      adminPortsAllowedByAcl([
        aclEntry({ ruleNumber: 100, protocol: '-1', cidrBlock: '10.0.0.0/8', portRange: null }),
      ]),
    ).toEqual([]);
  });

  test('looks past entries for protocols without ports', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '1', action: 'deny', portRange: null }),
      fromInternet({ ruleNumber: 200, protocol: '17', portRange: { from: 3389, to: 3389 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([3389]);
  });

  test('lets a lower deny shadow only the protocol it names', () => {
    expect(
      adminPortsAllowedByAcl([
        fromInternet({
          ruleNumber: 100,
          protocol: '17',
          action: 'deny',
          portRange: { from: 22, to: 22 },
        }),
        fromInternet({ ruleNumber: 110, protocol: '6', portRange: { from: 22, to: 22 } }),
      ]),
    ).toEqual([22]);
  });

  test('finds UDP admin ports open behind a deny of TCP only', () => {
    expect(
      adminPortsAllowedByAcl([
        fromInternet({
          ruleNumber: 100,
          protocol: '6',
          action: 'deny',
          portRange: { from: 0, to: 65535 },
        }),
        fromInternet({ ruleNumber: 110, protocol: '-1', portRange: null }),
      ]),
    ).toEqual([22, 3389]);
  });

  test('ignores egress entries', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '-1', egress: true, portRange: null }),
      fromInternet({
        ruleNumber: 50,
        protocol: '-1',
        egress: true,
        action: 'deny',
        portRange: null,
      }),
      fromInternet({ ruleNumber: 200, protocol: '6', portRange: { from: 22, to: 22 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([22]);
  });

  test('finds ports open to the IPv6 internet', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '-1', action: 'deny', portRange: null }),
      fromInternetV6({ ruleNumber: 101, protocol: '6', portRange: { from: 3389, to: 3389 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([3389]);
  });

  test('lets an IPv6 deny shadow only IPv6 allows', () => {
    const entries = [
      fromInternetV6({ ruleNumber: 100, protocol: '-1', action: 'deny', portRange: null }),
      fromInternet({ ruleNumber: 200, protocol: '6', portRange: { from: 22, to: 22 } }),
      fromInternetV6({ ruleNumber: 300, protocol: '-1', portRange: null }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([22]);
  });

  test('reports each port once when both families reach it', () => {
    const entries = [
      fromInternet({ ruleNumber: 100, protocol: '6', portRange: { from: 22, to: 22 } }),
      fromInternetV6({ ruleNumber: 101, protocol: '6', portRange: { from: 22, to: 22 } }),
    ];
    expect(adminPortsAllowedByAcl(entries)).toEqual([22]);
  });

  test('finds nothing open in an ACL without entries', () => {
    expect(adminPortsAllowedByAcl([])).toEqual([]);
  });
});
