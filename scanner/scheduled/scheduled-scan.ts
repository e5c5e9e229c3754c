import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import { ALL_CHECKS } from '../checks';
import { FRAMEWORKS } from '../compliance';
import type { ScanConfig } from '../model/check';
import { compareReports, type Variance } from '../diff/variance';
import { formatVariance } from '../diff/format';
import type { Mutelist } from '../mutelist';
import { toAsffFinding } from '../report/asff';
import { formatHtmlReport } from '../report/html';
import { judgeFramework } from '../report/compliance';
import { toOcsf } from '../report/ocsf';
import type { ScanReport } from '../report/report';
import { collectForChecks, evaluateInventory } from '../scan';
import { ReportStore } from './report-store';

/** Security Hub takes at most 100 findings per BatchImportFindings call. */
const SECURITY_HUB_BATCH = 100;

/** What a scheduled scan does besides scanning. */
export interface ScheduledScanOptions {
  readonly aws: AwsClients;
  readonly clock: Clock;
  /** The function's region: reports, SNS and Security Hub calls go there. */
  readonly region: string;
  /** @default - every enabled region */
  readonly regions?: readonly string[];
  readonly reportBucket: string;
  /** @default "scans/" */
  readonly reportPrefix?: string;
  /**
   * Account that must own the report bucket (ExpectedBucketOwner), where it is another account's.
   *
   * @default - not checked: the bucket is the account's own
   */
  readonly reportBucketOwner?: string;
  /** SNS topic told the outcome. @default - nobody is told */
  readonly topicArn?: string;
  /** Import the findings into Security Hub in `region`. @default false */
  readonly securityHub?: boolean;
  readonly mutelist?: Mutelist;
  /** Scan settings (thresholds, readiness settings). @default - the CIS thresholds and readiness defaults */
  readonly config?: ScanConfig;
  readonly toolVersion: string;
}

/** Where the reports went and what changed. */
export interface ScheduledScanResult {
  readonly folder: string;
  readonly report: ScanReport;
  readonly variance?: Variance;
  /** Findings imported into Security Hub, and those it refused. */
  readonly securityHub?: { readonly imported: number; readonly failed: number };
}

/**
 * Scans the account, files JSON, OCSF and HTML reports and the variance against the previous
 * scan in the report bucket, tells the SNS topic, and optionally imports into Security Hub.
 */
export async function runScheduledScan(
  options: ScheduledScanOptions,
): Promise<ScheduledScanResult> {
  const { aws } = options;
  const inventory = await collectForChecks({
    aws,
    checks: ALL_CHECKS,
    homeRegion: options.region,
    clock: options.clock,
    createdSince: options.config?.createdSince ?? null,
    ...(options.regions ? { regions: options.regions } : {}),
  });
  const judged = evaluateInventory(inventory, {
    checks: ALL_CHECKS,
    toolVersion: options.toolVersion,
    ...(options.mutelist ? { mutelist: options.mutelist } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  // Every framework's score is filed, so that the next scan's variance shows how each moved.
  const report: ScanReport = {
    ...judged,
    compliance: FRAMEWORKS.map((framework) => judgeFramework(framework, judged.findings)),
  };
  const store = new ReportStore(
    aws,
    options.reportBucket,
    options.region,
    options.reportPrefix,
    options.reportBucketOwner,
  );
  const folder = store.folderOf(report);
  const previous = await store.previous(report.account, folder);
  const variance = previous ? compareReports(previous, report) : undefined;

  await Promise.all([
    store.put(`${folder}report.json`, `${JSON.stringify(report)}\n`, 'application/json'),
    store.put(
      `${folder}report.ocsf.json`,
      `${JSON.stringify(toOcsf(report))}\n`,
      'application/json',
    ),
    store.put(`${folder}report.html`, formatHtmlReport(report), 'text/html; charset=utf-8'),
    ...(variance
      ? [store.put(`${folder}variance.json`, `${JSON.stringify(variance)}\n`, 'application/json')]
      : []),
  ]);
  const securityHub = options.securityHub
    ? await importIntoSecurityHub(aws, options.region, report)
    : undefined;
  if (options.topicArn) {
    await aws.get(SNSClient, options.region).send(
      new PublishCommand({
        TopicArn: options.topicArn,
        Subject: subjectOf(report, variance),
        Message: messageOf(report, variance, options.reportBucket, folder),
      }),
    );
  }
  return {
    folder,
    report,
    ...(variance ? { variance } : {}),
    ...(securityHub ? { securityHub } : {}),
  };
}

async function importIntoSecurityHub(
  aws: AwsClients,
  region: string,
  report: ScanReport,
): Promise<{ imported: number; failed: number }> {
  const findings = report.findings.map((finding) => toAsffFinding(finding, report, region));
  let imported = 0;
  let failed = 0;
  for (let start = 0; start < findings.length; start += SECURITY_HUB_BATCH) {
    const answer = await aws.get(SecurityHubClient, region).send(
      new BatchImportFindingsCommand({
        Findings: findings.slice(start, start + SECURITY_HUB_BATCH) as never,
      }),
    );
    imported += answer.SuccessCount ?? 0;
    failed += answer.FailedCount ?? 0;
  }
  return { imported, failed };
}

/** SNS subjects are limited to 100 characters. */
function subjectOf(report: ScanReport, variance: Variance | undefined): string {
  const change = variance
    ? ` (${variance.newFailures.length} new, ${variance.fixed.length} fixed)`
    : '';
  return `Pyjamas scan of ${report.account}: ${report.summary.failed} failed${change}`.slice(
    0,
    100,
  );
}

function messageOf(
  report: ScanReport,
  variance: Variance | undefined,
  bucket: string,
  folder: string,
): string {
  const { summary } = report;
  const lines = [
    `Pyjamas scanned account ${report.account} in ${report.regions.length} regions as of ${report.asOf}.`,
    `${summary.failed} failed findings (${Object.entries(summary.failedBySeverity)
      .map(([severity, n]) => `${severity} ${n}`)
      .join(', ')}), ${summary.byStatus.ERROR} could not be evaluated.`,
    `Reports: s3://${bucket}/${folder}report.html (also report.json and report.ocsf.json).`,
    '',
    variance
      ? formatVariance(variance)
      : 'This is the first scan filed in this bucket: no variance yet.',
  ];
  return lines.join('\n').slice(0, 250_000);
}
