import type { Finding, Severity } from '../model/finding';
import type { ScanReport } from './report';

/** OCSF schema version the findings follow. */
export const OCSF_VERSION = '1.1.0';

const SEVERITY_ID: { readonly [S in Severity]: number } = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

/**
 * One finding as an OCSF Detection Finding (class 2004), the form Security Lake, Security Hub and
 * most SIEMs ingest. Muted findings are "Suppressed"; the CIS mapping goes in `unmapped`.
 *
 * @see https://schema.ocsf.io/1.1.0/classes/detection_finding
 */
export function toOcsfFinding(finding: Finding, report: ScanReport): Record<string, unknown> {
  const time = Date.parse(report.asOf);
  const severity = finding.severity.charAt(0).toUpperCase() + finding.severity.slice(1);
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: SEVERITY_ID[finding.severity],
    severity,
    status_id: finding.muted ? 3 : 1,
    status: finding.muted ? 'Suppressed' : 'New',
    status_code: finding.status,
    status_detail: finding.message,
    time,
    metadata: {
      version: OCSF_VERSION,
      event_code: finding.checkId,
      product: { name: 'Pyjamas', vendor_name: 'Pyjamas', version: report.tool.version },
    },
    finding_info: {
      uid: finding.id,
      title: finding.title,
      desc: finding.message,
      created_time: time,
      types: [finding.service],
    },
    cloud: {
      provider: 'AWS',
      region: finding.region,
      account: { uid: report.account, type: 'AWS Account', type_id: 10 },
    },
    resources: [
      {
        uid: finding.resourceArn,
        name: finding.resourceId,
        type: finding.resourceType,
        region: finding.region,
        cloud_partition: report.partition,
      },
    ],
    remediation: { desc: finding.remediation },
    unmapped: {
      compliance: finding.compliance,
      ...(finding.mutedReason ? { muted_reason: finding.mutedReason } : {}),
    },
  };
}

/** Every finding of a report as OCSF, one JSON array. */
export function toOcsf(report: ScanReport): Record<string, unknown>[] {
  return report.findings.map((finding) => toOcsfFinding(finding, report));
}
