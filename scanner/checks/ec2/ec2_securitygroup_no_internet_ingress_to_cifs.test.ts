import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { securityGroup, sgRule } from '../../../test/fixtures/resources';
import check from './ec2_securitygroup_no_internet_ingress_to_cifs';

describe('ec2_securitygroup_no_internet_ingress_to_cifs', () => {
  test('fails a group opening 445 to the IPv4 or IPv6 internet, UDP and all-protocol rules included', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            securityGroups: [
              securityGroup('sg-tcp', 'us-east-1', {
                ingress: [sgRule({ fromPort: 445, toPort: 445, ipv4Ranges: ['0.0.0.0/0'] })],
              }),
              securityGroup('sg-udp', 'us-east-1', {
                ingress: [
                  sgRule({ protocol: 'udp', fromPort: 400, toPort: 500, ipv6Ranges: ['::/0'] }),
                ],
              }),
              securityGroup('sg-all', 'us-east-1', {
                ingress: [
                  sgRule({
                    protocol: '-1',
                    fromPort: null,
                    toPort: null,
                    ipv4Ranges: ['0.0.0.0/0'],
                  }),
                ],
              }),
              securityGroup('sg-private', 'us-east-1', {
                ingress: [sgRule({ fromPort: 445, toPort: 445, ipv4Ranges: ['10.0.0.0/8'] })],
              }),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'sg-tcp'],
      ['FAIL', 'sg-udp'],
      ['FAIL', 'sg-all'],
      ['PASS', 'sg-private'],
    ]);
  });

  test('is not applicable to a region without security groups', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { securityGroups: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
