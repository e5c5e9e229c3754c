import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { securityGroup, sgRule, vpc } from '../../../test/fixtures/resources';
import type { SecurityGroup } from '../../model/ec2';
import check from './readiness_isolation_security_groups_present';

const everything = [
  sgRule({ protocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['0.0.0.0/0'] }),
  sgRule({ protocol: '-1', fromPort: null, toPort: null, ipv6Ranges: ['::/0'] }),
];
const isolation = (overrides: Partial<SecurityGroup> = {}) =>
  securityGroup('sg-iso', 'us-east-1', {
    tags: { 'pyjamas:component': 'isolation-security-group' },
    ...overrides,
  });
const untrack = (overrides: Partial<SecurityGroup> = {}) =>
  securityGroup('sg-untrack', 'us-east-1', {
    tags: { 'pyjamas:component': 'untrack-security-group' },
    ingress: everything,
    egress: everything,
    ...overrides,
  });
const scan = (groups: SecurityGroup[]) =>
  runCheck(
    check,
    inventoryOf({ regional: { 'us-east-1': { vpcs: [vpc('vpc-1')], securityGroups: groups } } }),
  );

describe('readiness_isolation_security_groups_present', () => {
  test('passes a VPC with an empty isolation group and an all-open untrack group', () => {
    expect(verdicts(scan([isolation(), untrack()]))).toEqual([['PASS', 'vpc-1']]);
  });

  test('fails an isolation group with any rule, even one that leads to an endpoint', () => {
    expect(
      scan([isolation({ egress: [sgRule({ prefixListIds: ['pl-s3'] })] }), untrack()])[0],
    ).toMatchObject({ status: 'FAIL', message: expect.stringMatching(/has 1 outbound rules/) });
  });

  test('fails an untrack group with a rule besides all traffic', () => {
    expect(
      scan([isolation(), untrack({ ingress: [...everything, sgRule({ groupIds: ['sg-x'] })] })])[0],
    ).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(/1 rules besides all traffic/),
    });
  });

  test.each<[string, SecurityGroup[], RegExp]>([
    ['no groups at all', [], /no isolation group .*; no untrack group/],
    [
      'an isolation group that admits traffic',
      [isolation({ ingress: everything }), untrack()],
      /isolation group sg-iso has 2 inbound rules/,
    ],
    [
      'an isolation group that sends to the internet',
      [isolation({ egress: everything }), untrack()],
      /outbound rules/,
    ],
    [
      'an untrack group without IPv6',
      [
        isolation(),
        untrack({ ingress: [everything[0] as never], egress: [everything[0] as never] }),
      ],
      /untrack group sg-untrack does not allow all traffic/,
    ],
    [
      'groups of another VPC',
      [isolation({ vpcId: 'vpc-2' }), untrack({ vpcId: 'vpc-2' })],
      /no isolation group/,
    ],
  ])('fails a VPC with %s', (_, groups, message) => {
    expect(scan(groups)[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(message),
    });
  });

  test('is not applicable in a region without VPCs', () => {
    expect(
      verdicts(
        runCheck(
          check,
          inventoryOf({ regional: { 'us-east-1': { vpcs: [], securityGroups: [] } } }),
        ),
      ),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('reports an error for a region whose groups could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'eu-west-1': {
            vpcs: [],
            securityGroups: failed('ec2:DescribeSecurityGroups', 'eu-west-1'),
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
  });
});
