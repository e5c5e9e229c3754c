import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { aclEntry, networkAcl } from '../../../test/fixtures/resources';
import type { NetworkAclEntry } from '../../model/ec2';
import check from './ec2_networkacl_no_internet_ingress_to_admin_ports';

/** The entries AWS gives a default network ACL, before the catch-all denies: allow everything both ways. */
const AWS_DEFAULT_ENTRIES: NetworkAclEntry[] = [false, true].flatMap((egress) => [
  aclEntry({ ruleNumber: 100, protocol: '-1', egress, cidrBlock: '0.0.0.0/0', portRange: null }),
  aclEntry({
    ruleNumber: 101,
    protocol: '-1',
    egress,
    cidrBlock: null,
    ipv6CidrBlock: '::/0',
    portRange: null,
  }),
]);

const inRegion = (...acls: ReturnType<typeof networkAcl>[]) =>
  inventoryOf({ regional: { 'us-east-1': { networkAcls: acls } } });

describe('ec2_networkacl_no_internet_ingress_to_admin_ports', () => {
  test('fails a default network ACL as AWS creates it, naming both ports', () => {
    const findings = runCheck(
      check,
      inRegion(networkAcl('acl-default', AWS_DEFAULT_ENTRIES, 'us-east-1', { isDefault: true })),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'acl-default']]);
    expect(findings[0]).toMatchObject({
      resourceType: 'AwsEc2NetworkAcl',
      resourceArn: 'arn:aws:ec2:us-east-1:123456789012:network-acl/acl-default',
      message:
        'Default network ACL acl-default of vpc-1 allows ingress from the internet to ports 22 and 3389.',
    });
  });

  test.each<[string, NetworkAclEntry[], string]>([
    [
      'TCP 22 from 0.0.0.0/0',
      [aclEntry({ protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 22, to: 22 } })],
      'port 22.',
    ],
    [
      'UDP 3389 from 0.0.0.0/0',
      [aclEntry({ protocol: '17', cidrBlock: '0.0.0.0/0', portRange: { from: 3389, to: 3389 } })],
      'port 3389.',
    ],
    [
      'TCP 3389 from ::/0',
      [
        aclEntry({
          protocol: '6',
          cidrBlock: null,
          ipv6CidrBlock: '::/0',
          portRange: { from: 3389, to: 3389 },
        }),
      ],
      'port 3389.',
    ],
    [
      'TCP 1-1024 from 0.0.0.0/0',
      [aclEntry({ protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 1, to: 1024 } })],
      'port 22.',
    ],
  ])('fails an ACL that allows %s', (_, entries, ports) => {
    const findings = runCheck(check, inRegion(networkAcl('acl-open', entries)));
    expect(verdicts(findings)).toEqual([['FAIL', 'acl-open']]);
    expect(findings[0]?.message).toMatch(
      new RegExp(
        `^Network ACL acl-open of vpc-1 allows ingress from the internet to ${ports.replace('.', '\\.')}$`,
      ),
    );
  });

  test.each<[string, NetworkAclEntry[]]>([
    ['only the catch-all deny entries', []],
    [
      'HTTPS from anywhere',
      [aclEntry({ protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 443, to: 443 } })],
    ],
    [
      'SSH from a private range',
      [aclEntry({ protocol: '6', cidrBlock: '10.0.0.0/8', portRange: { from: 22, to: 22 } })],
    ],
    [
      'all traffic out to anywhere',
      [aclEntry({ protocol: '-1', egress: true, cidrBlock: '0.0.0.0/0', portRange: null })],
    ],
    [
      'a lower deny of both ports before an allow-all',
      [
        aclEntry({
          ruleNumber: 10,
          protocol: '-1',
          action: 'deny',
          cidrBlock: '0.0.0.0/0',
          portRange: null,
        }),
        aclEntry({
          ruleNumber: 11,
          protocol: '-1',
          action: 'deny',
          cidrBlock: null,
          ipv6CidrBlock: '::/0',
          portRange: null,
        }),
        ...AWS_DEFAULT_ENTRIES,
      ],
    ],
  ])('passes an ACL with %s', (_, entries) => {
    const findings = runCheck(check, inRegion(networkAcl('acl-ok', entries)));
    expect(verdicts(findings)).toEqual([['PASS', 'acl-ok']]);
    expect(findings[0]?.message).toBe(
      'Network ACL acl-ok of vpc-1 allows no ingress from the internet to ports 22 or 3389.',
    );
  });

  test('judges ACLs that no subnet uses, as CIS asks for all of them', () => {
    const unused = networkAcl('acl-unused', AWS_DEFAULT_ENTRIES, 'us-east-1', { subnetIds: [] });
    const used = networkAcl('acl-used', [], 'us-east-1', { subnetIds: ['subnet-1'] });
    expect(verdicts(runCheck(check, inRegion(unused, used)))).toEqual([
      ['FAIL', 'acl-unused'],
      ['PASS', 'acl-used'],
    ]);
  });

  test('is not applicable in a region without network ACLs', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { networkAcls: [] } } }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: 'Region eu-west-1 has no network ACLs.',
    });
  });

  test('judges the readable regions and reports an error for a region it could not read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { networkAcls: [networkAcl('acl-ok', [])] },
        'eu-west-1': {
          networkAcls: failed('ec2:DescribeNetworkAcls', 'eu-west-1', 'UnauthorizedOperation'),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'acl-ok'],
    ]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: expect.stringMatching(/ec2:DescribeNetworkAcls failed in eu-west-1/),
    });
  });
});
