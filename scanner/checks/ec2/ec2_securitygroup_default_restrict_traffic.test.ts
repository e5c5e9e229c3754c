import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { securityGroup, sgRule } from '../../../test/fixtures/resources';
import type { SecurityGroup } from '../../model/ec2';
import check from './ec2_securitygroup_default_restrict_traffic';

const allTraffic = { protocol: '-1', fromPort: null, toPort: null };
const defaultGroup = (id: string, overrides: Partial<SecurityGroup> = {}) =>
  securityGroup(id, 'us-east-1', { name: 'default', ...overrides });
const inRegion = (...groups: SecurityGroup[]) =>
  inventoryOf({ regional: { 'us-east-1': { securityGroups: groups } } });

describe('ec2_securitygroup_default_restrict_traffic', () => {
  test('passes a default group without rules', () => {
    const findings = runCheck(check, inRegion(defaultGroup('sg-empty')));
    expect(verdicts(findings)).toEqual([['PASS', 'sg-empty']]);
    expect(findings[0]).toMatchObject({
      resourceType: 'AwsEc2SecurityGroup',
      message: 'Default security group sg-empty of vpc-1 has no inbound or outbound rules.',
    });
  });

  test.each<[string, Partial<SecurityGroup>, string]>([
    [
      'as AWS creates it (self-referencing inbound, all outbound over IPv4 and IPv6)',
      {
        ingress: [sgRule({ ...allTraffic, groupIds: ['sg-aws'] })],
        egress: [sgRule({ ...allTraffic, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] })],
      },
      '1 inbound rule and 2 outbound rules',
    ],
    [
      'as moto creates it (all outbound only)',
      { egress: [sgRule({ ...allTraffic, ipv4Ranges: ['0.0.0.0/0'] })] },
      '0 inbound rules and 1 outbound rule',
    ],
    [
      'with only an inbound rule',
      { ingress: [sgRule({ ipv4Ranges: ['10.0.0.0/8'] })] },
      '1 inbound rule and 0 outbound rules',
    ],
    [
      'with an outbound rule to a prefix list',
      { egress: [sgRule({ prefixListIds: ['pl-1'] })] },
      '0 inbound rules and 1 outbound rule',
    ],
  ])('fails a default group %s, counting the rules', (_, overrides, counted) => {
    const findings = runCheck(check, inRegion(defaultGroup('sg-aws', overrides)));
    expect(verdicts(findings)).toEqual([['FAIL', 'sg-aws']]);
    expect(findings[0]?.message).toBe(
      `Default security group sg-aws of vpc-1 still has ${counted}.`,
    );
  });

  test('judges only the groups named default, one per VPC', () => {
    const findings = runCheck(
      check,
      inRegion(
        defaultGroup('sg-default-1', { vpcId: 'vpc-1' }),
        securityGroup('sg-web', 'us-east-1', {
          name: 'web',
          ingress: [sgRule({ ipv4Ranges: ['0.0.0.0/0'] })],
        }),
        defaultGroup('sg-default-2', {
          vpcId: 'vpc-2',
          egress: [sgRule({ ...allTraffic, ipv4Ranges: ['0.0.0.0/0'] })],
        }),
      ),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'sg-default-1'],
      ['FAIL', 'sg-default-2'],
    ]);
    expect(findings[1]?.message).toMatch(/of vpc-2 /);
  });

  test('is not applicable in a region without default security groups', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'eu-west-1': { securityGroups: [securityGroup('sg-web', 'eu-west-1', { name: 'web' })] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: 'Region eu-west-1 has no default security groups.',
    });
  });

  test('judges the readable regions and reports an error for a region it could not read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { securityGroups: [defaultGroup('sg-empty')] },
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
      ['PASS', 'sg-empty'],
    ]);
    expect(findings[0]?.message).toMatch(/ec2:DescribeSecurityGroups failed in eu-west-1/);
  });
});
