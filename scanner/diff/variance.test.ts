import { ACCOUNT, NOW, inventoryOf } from '../../test/fixtures/inventory';
import { passwordPolicyWith, securityGroup, sgRule } from '../../test/fixtures/resources';
import { ALL_CHECKS } from '../checks';
import { buildReport, type ScanReport } from '../report/report';
import { runChecks } from '../run';
import { formatVariance } from './format';
import { compareReports } from './variance';

const checks = ALL_CHECKS.filter((check) =>
  [
    'iam_password_policy_minimum_length_14',
    'ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports',
  ].includes(check.id),
);
const ssh = sgRule({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] });

function scan(
  groups: ReturnType<typeof securityGroup>[],
  minimumLength: number,
  account = ACCOUNT,
): ScanReport {
  const inventory = {
    ...inventoryOf({
      global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: minimumLength }) },
      regional: { 'us-east-1': { securityGroups: groups } },
    }),
    account,
  };
  return buildReport(inventory, runChecks(inventory, checks, { now: NOW }), {
    toolVersion: 't',
    asOf: NOW,
    checks: checks.length,
  });
}

describe('compareReports', () => {
  const before = scan(
    [
      securityGroup('sg-a', 'us-east-1', { ingress: [ssh] }),
      securityGroup('sg-b'),
      securityGroup('sg-old', 'us-east-1', { ingress: [ssh] }),
    ],
    8,
  );
  const after = scan(
    [
      securityGroup('sg-a'),
      securityGroup('sg-b', 'us-east-1', { ingress: [ssh] }),
      securityGroup('sg-new', 'us-east-1', { ingress: [ssh] }),
    ],
    8,
  );
  const variance = compareReports(before, after);

  test('matches findings by fingerprint and names each transition', () => {
    expect(variance.newFailures.map((change) => change.resourceId).sort()).toEqual([
      'sg-b',
      'sg-new',
    ]);
    expect(variance.fixed.map((change) => [change.resourceId, change.after])).toEqual(
      expect.arrayContaining([
        ['sg-a', 'PASS'],
        ['sg-old', null],
      ]),
    );
    expect(variance.counts).toMatchObject({ 'new-failure': 2, fixed: 2, 'still-failing': 1 });
  });

  test('tells regressions (PASS → FAIL) from resources that fail from their first scan', () => {
    expect(variance.regressed.map((change) => [change.resourceId, change.before])).toEqual([
      ['sg-b', 'PASS'],
    ]);
  });

  test('reports the compliance score of each framework before and after', () => {
    const cis5 = variance.compliance.find((framework) => framework.framework === 'cis-aws-5.0');
    expect(cis5).toMatchObject({ before: 0, after: 0, change: 0, regressed: [], improved: [] });
    const better = compareReports(after, scan([securityGroup('sg-a')], 14)).compliance.find(
      (framework) => framework.framework === 'cis-aws-5.0',
    );
    expect(better).toMatchObject({ before: 0, after: 1, change: 1, improved: ['1.7', '5.3'] });
  });

  test('refuses to compare two accounts', () => {
    expect(() => compareReports(before, scan([], 8, '210987654321'))).toThrow(
      /different accounts \(123456789012 and 210987654321\)/,
    );
  });

  test('prints regressions first, each change once, then the other new failures, fixes and scores', () => {
    const text = formatVariance(variance);
    expect(text).toMatch(
      /Failed findings 3 → 3: 2 new \(1 passed before\), 2 fixed, 1 still failing/,
    );
    expect(text.indexOf('Regressed')).toBeLessThan(text.indexOf('New failures'));
    expect(text.indexOf('New failures')).toBeLessThan(text.indexOf('Fixed'));
    for (const change of variance.newFailures) {
      expect(text.split(`${change.checkId}  ${change.region}  ${change.resourceId}`)).toHaveLength(
        2,
      );
    }
    expect(text).toMatch(/cis-aws-5\.0 +0% → 0%\n/);
    expect(formatVariance(compareReports(after, scan([securityGroup('sg-a')], 14)))).toMatch(
      /cis-aws-5\.0 +0% → 100% \(\+100 points\)/,
    );
  });
});
