import type { Finding } from '../model/finding';
import type { ScanReport } from './report';

/**
 * The findings as JUnit XML for CI pipelines: one test suite per check, one test case per
 * check and resource. FAIL is a failure (muted ones are skipped with their reason), ERROR an
 * error, MANUAL and NOT_APPLICABLE skipped, PASS a passing case.
 */
export function formatJunitReport(report: ScanReport): string {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of report.findings)
    byCheck.set(finding.checkId, [...(byCheck.get(finding.checkId) ?? []), finding]);
  const suites = [...byCheck.entries()].map(([checkId, findings]) => suite(checkId, findings));
  const count = (predicate: (finding: Finding) => boolean) =>
    report.findings.filter(predicate).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pyjamas scan of ${xml(report.account)}" tests="${report.findings.length}" failures="${count(isFailure)}" errors="${count((finding) => finding.status === 'ERROR')}" timestamp="${xml(report.asOf)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function isFailure(finding: Finding): boolean {
  return finding.status === 'FAIL' && !finding.muted;
}

function suite(checkId: string, findings: readonly Finding[]): string {
  const failures = findings.filter(isFailure).length;
  const errors = findings.filter((finding) => finding.status === 'ERROR').length;
  const skipped = findings.filter(
    (finding) =>
      finding.status === 'MANUAL' ||
      finding.status === 'NOT_APPLICABLE' ||
      (finding.status === 'FAIL' && finding.muted),
  ).length;
  const cases = findings.map((finding) => testCase(finding));
  return [
    `  <testsuite name="${xml(checkId)}" tests="${findings.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function testCase(finding: Finding): string {
  const open = `    <testcase classname="${xml(`${finding.service}.${finding.checkId}`)}" name="${xml(`${finding.region} ${finding.resourceArn}`)}">`;
  const body = (() => {
    switch (finding.status) {
      case 'FAIL':
        return finding.muted
          ? `      <skipped message="${xml(`muted: ${finding.mutedReason ?? ''}`)}"/>`
          : `      <failure type="${finding.severity}" message="${xml(finding.message)}">${xml(finding.remediation)}</failure>`;
      case 'ERROR':
        return `      <error message="${xml(finding.message)}"/>`;
      case 'MANUAL':
      case 'NOT_APPLICABLE':
        return `      <skipped message="${xml(`${finding.status}: ${finding.message}`)}"/>`;
      case 'PASS':
        return `      <system-out>${xml(finding.message)}</system-out>`;
    }
  })();
  return [open, body, '    </testcase>'].join('\n');
}

/** Escapes text for an XML attribute or element and drops characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
