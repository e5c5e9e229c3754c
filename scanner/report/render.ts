import type { CheckMetadata } from '../model/check';
import { toAsffFinding } from './asff';
import { formatComplianceResult } from './compliance';
import { formatConsoleReport } from './console';
import { formatCsvReport } from './csv';
import { formatHtmlReport } from './html';
import { jsonReportChunks } from './json';
import { formatJunitReport } from './junit';
import { toOcsf } from './ocsf';
import type { ScanReport } from './report';
import { toSarif } from './sarif';

/** Every format `pyjamas scan --output` writes, with the file extension `--output-dir` uses. */
export const REPORT_FORMATS = {
  console: 'txt',
  json: 'json',
  ocsf: 'ocsf.json',
  html: 'html',
  csv: 'csv',
  junit: 'junit.xml',
  sarif: 'sarif',
  asff: 'asff.json',
} as const;

/** A report format name. */
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** What some formats need besides the report. */
export interface RenderContext {
  /** The checks that ran (SARIF lists them as rules). */
  readonly checks: readonly CheckMetadata[];
  /** Region of the Security Hub ASFF findings are meant for. */
  readonly region: string;
}

/**
 * The report in one format, in pieces (JSON streams one finding at a time). The console text
 * ends with the requirement-level table of each framework the report was judged against.
 */
export function renderReport(
  report: ScanReport,
  format: ReportFormat,
  context: RenderContext,
  console: { readonly colour: boolean; readonly showPassed: boolean },
): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonReportChunks(report);
    case 'ocsf':
      return [`${JSON.stringify(toOcsf(report), null, 2)}\n`];
    case 'html':
      return [formatHtmlReport(report)];
    case 'csv':
      return [formatCsvReport(report)];
    case 'junit':
      return [formatJunitReport(report)];
    case 'sarif':
      return [`${JSON.stringify(toSarif(report, context.checks), null, 2)}\n`];
    case 'asff':
      return [
        `${JSON.stringify(
          report.findings.map((finding) => toAsffFinding(finding, report, context.region)),
          null,
          2,
        )}\n`,
      ];
    case 'console':
      return [
        formatConsoleReport(report, console),
        ...(report.compliance ?? []).map((result) => `\n${formatComplianceResult(result)}`),
      ];
  }
}

/** `pyjamas-<account>-<as of, compact>.<extension>`, e.g. `pyjamas-123456789012-20260601T000000Z.sarif`. */
export function reportFileName(report: ScanReport, format: ReportFormat): string {
  const stamp = report.asOf.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `pyjamas-${report.account}-${stamp}.${REPORT_FORMATS[format]}`;
}
