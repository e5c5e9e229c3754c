import { SEVERITIES, STATUSES, type Finding, type Severity, type Status } from '../model/finding';
import type { Inventory } from '../model/inventory';
import type { ComplianceResult } from './compliance';

/** Version of the JSON report layout; see docs/scan-report.md. Bumped on incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** Counts over a report's findings. */
export interface ReportSummary {
  readonly checks: number;
  readonly findings: number;
  readonly byStatus: { readonly [S in Status]: number };
  /** Failed findings that are not muted, by severity. */
  readonly failedBySeverity: { readonly [S in Severity]: number };
  /** Failed findings that are not muted: what decides exit code 1. */
  readonly failed: number;
  readonly muted: number;
}

/** The JSON document `pyjamas scan --output json` writes. */
export interface ScanReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'pyjamas'; readonly version: string };
  readonly account: string;
  readonly partition: string;
  readonly regions: readonly string[];
  /** When collection started and finished. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The "now" age-based checks were judged at. */
  readonly asOf: string;
  readonly findings: readonly Finding[];
  readonly summary: ReportSummary;
  /** Requirement-level results of the frameworks asked for with `--compliance`. */
  readonly compliance?: readonly ComplianceResult[];
}

const SEVERITY_RANK = new Map(SEVERITIES.map((severity, index) => [severity, index]));
const STATUS_RANK = new Map(STATUSES.map((status, index) => [status, index]));

/** Puts findings in report order: severity, service, check, status, region, resource. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) ||
      a.service.localeCompare(b.service) ||
      a.checkId.localeCompare(b.checkId) ||
      (STATUS_RANK.get(a.status) ?? 0) - (STATUS_RANK.get(b.status) ?? 0) ||
      a.region.localeCompare(b.region) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

/** Counts findings by status and failed ones by severity. */
export function summarize(findings: readonly Finding[], checks: number): ReportSummary {
  const byStatus = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<
    Status,
    number
  >;
  const failedBySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => [severity, 0]),
  ) as Record<Severity, number>;
  let muted = 0;
  for (const finding of findings) {
    byStatus[finding.status] += 1;
    if (finding.muted) muted += 1;
    else if (finding.status === 'FAIL') failedBySeverity[finding.severity] += 1;
  }
  const failed = Object.values(failedBySeverity).reduce((sum, count) => sum + count, 0);
  return { checks, findings: findings.length, byStatus, failedBySeverity, failed, muted };
}

/** Assembles the report of one scan. */
export function buildReport(
  inventory: Inventory,
  findings: readonly Finding[],
  meta: { readonly toolVersion: string; readonly asOf: Date; readonly checks: number },
): ScanReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'pyjamas', version: meta.toolVersion },
    account: inventory.account,
    partition: inventory.partition,
    regions: inventory.regions,
    startedAt: inventory.startedAt,
    finishedAt: inventory.finishedAt,
    asOf: meta.asOf.toISOString(),
    findings: sortFindings(findings),
    summary: summarize(findings, meta.checks),
  };
}

/** 1 when any finding failed and is not muted, else 0. */
export function exitCodeOf(report: ScanReport): 0 | 1 {
  return report.summary.failed > 0 ? 1 : 0;
}
