import { Chalk, type ChalkInstance } from 'chalk';
import { SEVERITIES, type Finding, type Status } from '../model/finding';
import type { ScanReport } from './report';

/** How to print a report on a terminal. */
export interface ConsoleOptions {
  /** Use ANSI colours; the CLI decides (TTY and no NO_COLOR). */
  readonly colour: boolean;
  /** List passed and not-applicable findings too. @default false */
  readonly showPassed?: boolean;
}

const STATUS_LABEL: { readonly [S in Status]: string } = {
  FAIL: 'FAIL',
  ERROR: 'ERROR',
  MANUAL: 'MANUAL',
  PASS: 'PASS',
  NOT_APPLICABLE: 'N/A',
};

/**
 * Renders a scan report for a person: a header, the summary, then the findings that need
 * attention grouped by severity and service, each check's fix printed once.
 */
export function formatConsoleReport(report: ScanReport, options: ConsoleOptions): string {
  const c = new Chalk({ level: options.colour ? 1 : 0 });
  const lines: string[] = [];
  const { summary } = report;
  lines.push(c.bold(`Pyjamas scan of account ${report.account} (${report.partition})`));
  lines.push(`Regions: ${report.regions.join(', ')}`);
  lines.push(`As of ${report.asOf} · ${summary.checks} checks · ${summary.findings} findings`);
  lines.push('');
  lines.push(
    [
      paint(c, 'FAIL', `FAIL ${summary.byStatus.FAIL}`),
      paint(c, 'ERROR', `ERROR ${summary.byStatus.ERROR}`),
      paint(c, 'MANUAL', `MANUAL ${summary.byStatus.MANUAL}`),
      paint(c, 'PASS', `PASS ${summary.byStatus.PASS}`),
      paint(c, 'NOT_APPLICABLE', `N/A ${summary.byStatus.NOT_APPLICABLE}`),
      `muted ${summary.muted}`,
    ].join('   '),
  );

  const shown = (finding: Finding) => options.showPassed || finding.status === 'FAIL';
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter(
      (finding) => finding.severity === severity && shown(finding),
    );
    if (findings.length === 0) continue;
    const failed = summary.failedBySeverity[severity];
    lines.push('', c.bold(`${severity.toUpperCase()} — ${failed} failed`));
    lines.push(...formatByCheck(c, findings));
  }
  for (const [status, heading] of [
    ['ERROR', 'Could not evaluate (permissions or unsupported APIs)'],
    ['MANUAL', 'Needs a person to judge'],
  ] as const) {
    const findings = report.findings.filter((finding) => finding.status === status);
    if (findings.length > 0) lines.push('', c.bold(heading), ...formatByCheck(c, findings));
  }
  lines.push('');
  lines.push(
    summary.failed === 0
      ? paint(c, 'PASS', 'No failed findings.')
      : paint(
          c,
          'FAIL',
          `${summary.failed} failed finding${summary.failed === 1 ? '' : 's'} ${summary.failed === 1 ? 'needs' : 'need'} attention.`,
        ),
  );
  return `${lines.join('\n')}\n`;
}

function formatByCheck(c: ChalkInstance, findings: readonly Finding[]): string[] {
  const lines: string[] = [];
  let current: string | undefined;
  let remediation = '';
  const flush = () => {
    if (current && remediation) lines.push(c.dim(`    Fix: ${remediation}`));
  };
  for (const finding of findings) {
    if (finding.checkId !== current) {
      flush();
      current = finding.checkId;
      remediation = finding.status === 'FAIL' ? finding.remediation : '';
      lines.push(`  ${c.cyan(finding.service)} · ${finding.checkId}`, `    ${finding.title}`);
    }
    const muted = finding.muted ? c.dim(` [muted: ${finding.mutedReason ?? 'no reason'}]`) : '';
    lines.push(
      `    ${paint(c, finding.status, STATUS_LABEL[finding.status].padEnd(6))} ${finding.region.padEnd(14)} ${finding.message}${muted}`,
    );
  }
  flush();
  return lines;
}

function paint(c: ChalkInstance, status: Status, text: string): string {
  switch (status) {
    case 'FAIL':
      return c.red(text);
    case 'ERROR':
      return c.magenta(text);
    case 'MANUAL':
      return c.yellow(text);
    case 'PASS':
      return c.green(text);
    default:
      return c.gray(text);
  }
}
