import { NOW, inventoryOf } from '../../test/fixtures/inventory';
import { reportSchemaErrors } from '../../test/helpers/report-schema';
import { passwordPolicyWith, securityGroup, sgRule } from '../../test/fixtures/resources';
import { ALL_CHECKS } from '../checks';
import { runChecks } from '../run';
import { formatConsoleReport } from './console';
import { buildReport, exitCodeOf } from './report';

const inventory = inventoryOf({
  global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 8 }) },
  regional: {
    'us-east-1': {
      securityGroups: [
        securityGroup('sg-open', 'us-east-1', {
          ingress: [
            sgRule({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }),
          ],
        }),
        securityGroup('sg-closed'),
      ],
    },
  },
});
const checks = ALL_CHECKS.filter((check) =>
  [
    'iam_password_policy_minimum_length_14',
    'ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports',
  ].includes(check.id),
);

function report(mutelist?: Parameters<typeof runChecks>[2]['mutelist']) {
  const findings = runChecks(inventory, checks, { now: NOW, ...(mutelist ? { mutelist } : {}) });
  return buildReport(inventory, findings, {
    toolVersion: '9.9.9',
    asOf: NOW,
    checks: checks.length,
  });
}

describe('the JSON report', () => {
  test('matches the published schema', () => {
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report())))).toEqual([]);
  });

  test('the schema rejects a finding without a fingerprint', () => {
    const broken = JSON.parse(JSON.stringify(report())) as { findings: { id?: string }[] };
    delete broken.findings[0]?.id;
    expect(reportSchemaErrors(broken)).toContainEqual(
      expect.objectContaining({ message: "must have required property 'id'" }),
    );
  });

  test('orders findings by severity, then service and check, and counts them', () => {
    const { findings, summary } = report();
    expect(findings.map((f) => [f.severity, f.status, f.resourceId])).toEqual([
      ['high', 'FAIL', 'sg-open'],
      ['high', 'PASS', 'sg-closed'],
      ['medium', 'FAIL', '123456789012'],
    ]);
    expect(summary).toEqual({
      checks: 2,
      findings: 3,
      byStatus: { FAIL: 2, ERROR: 0, MANUAL: 0, PASS: 1, NOT_APPLICABLE: 0 },
      failedBySeverity: { critical: 0, high: 1, medium: 1, low: 0, informational: 0 },
      failed: 2,
      muted: 0,
    });
  });

  test('exits 1 with unmuted failures and 0 once they are muted', () => {
    expect(exitCodeOf(report())).toBe(1);
    expect(exitCodeOf(report({ rules: [{ checkId: '*', reason: 'accepted' }] }))).toBe(0);
  });
});

describe('the console report', () => {
  test('groups failures by severity and prints each check fix once', () => {
    const text = formatConsoleReport(report(), { colour: false });
    expect(text).toMatch(
      /HIGH — 1 failed\n {2}ec2 · ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports/,
    );
    expect(text).toMatch(/MEDIUM — 1 failed/);
    expect(text.match(/Fix:/g)).toHaveLength(2);
    expect(text).not.toMatch(/sg-closed/);
    expect(text).toMatch(/2 failed findings need attention\.\n$/);
  });

  test('lists passed findings when asked', () => {
    expect(formatConsoleReport(report(), { colour: false, showPassed: true })).toMatch(
      /PASS {3}us-east-1 +Security group sg-closed/,
    );
  });

  test('shows muted findings with their reason', () => {
    const text = formatConsoleReport(
      report({ rules: [{ checkId: 'iam_*', reason: 'legacy SSO only' }] }),
      { colour: false },
    );
    expect(text).toMatch(/\[muted: legacy SSO only\]/);
    expect(text).toMatch(/1 failed finding needs attention/);
  });

  test('uses ANSI colours only when told to', () => {
    expect(formatConsoleReport(report(), { colour: false })).not.toMatch(/\u001b\[/);
    expect(formatConsoleReport(report(), { colour: true })).toMatch(/\u001b\[31mFAIL/);
  });
});
