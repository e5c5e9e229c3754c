import type { Finding } from '../model/finding';
import type { ScanReport } from './report';

const COLUMNS = [
  'account',
  'region',
  'check_id',
  'title',
  'service',
  'severity',
  'status',
  'muted',
  'resource_type',
  'resource_id',
  'resource_arn',
  'message',
  'remediation',
  'compliance',
  'finding_id',
] as const;

/**
 * The findings as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
 * a comma, quote or line break). Compliance is `framework:control` pairs joined by spaces.
 * Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
export function formatCsvReport(report: ScanReport): string {
  const rows = report.findings.map((finding) => row(report, finding));
  return (
    [COLUMNS.join(','), ...rows.map((cells) => cells.map(cell).join(','))].join('\r\n') + '\r\n'
  );
}

function row(report: ScanReport, finding: Finding): string[] {
  return [
    report.account,
    finding.region,
    finding.checkId,
    finding.title,
    finding.service,
    finding.severity,
    finding.status,
    String(finding.muted),
    finding.resourceType,
    finding.resourceId,
    finding.resourceArn,
    finding.message,
    finding.remediation,
    Object.entries(finding.compliance)
      .flatMap(([framework, ids]) => ids.map((id) => `${framework}:${id}`))
      .join(' '),
    finding.id,
  ];
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
