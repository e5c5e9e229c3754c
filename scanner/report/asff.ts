import type { Finding, Severity, Status } from '../model/finding';
import type { ScanReport } from './report';

const SEVERITY_LABEL: { readonly [S in Severity]: string } = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

const COMPLIANCE_STATUS: { readonly [S in Status]: string } = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
  NOT_APPLICABLE: 'NOT_AVAILABLE',
};

/** The product ARN of findings an account imports into its own Security Hub in `region`. */
export function securityHubProductArn(partition: string, region: string, account: string): string {
  return `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`;
}

/**
 * One finding in the AWS Security Finding Format, for securityhub:BatchImportFindings in `region`
 * (the hub the findings go to; each resource keeps its own region). Passed findings are sent too,
 * with Compliance PASSED, so Security Hub resolves what was fixed; muted ones are SUPPRESSED.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
 */
export function toAsffFinding(
  finding: Finding,
  report: ScanReport,
  region: string,
): Record<string, unknown> {
  const controls = Object.entries(finding.compliance).flatMap(([framework, ids]) =>
    ids.map((id) => `${framework} ${id}`),
  );
  return {
    SchemaVersion: '2018-10-08',
    Id: `pyjamas/${finding.id}`,
    ProductArn: securityHubProductArn(report.partition, region, report.account),
    ProductName: 'Pyjamas',
    CompanyName: 'Pyjamas',
    GeneratorId: `pyjamas/${finding.checkId}`,
    AwsAccountId: report.account,
    Types: [
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    CreatedAt: report.asOf,
    UpdatedAt: report.asOf,
    Severity: {
      Label: finding.status === 'FAIL' ? SEVERITY_LABEL[finding.severity] : 'INFORMATIONAL',
      Original: finding.severity,
    },
    Title: finding.title.slice(0, 256),
    Description: finding.message.slice(0, 1024),
    Remediation: { Recommendation: { Text: finding.remediation.slice(0, 512) } },
    Resources: [
      {
        Type: finding.resourceType,
        Id: finding.resourceArn,
        Partition: report.partition,
        Region: finding.region === 'global' ? region : finding.region,
      },
    ],
    Compliance: {
      Status: COMPLIANCE_STATUS[finding.status],
      ...(controls.length > 0 ? { RelatedRequirements: controls.slice(0, 32) } : {}),
    },
    Workflow: {
      Status: finding.muted ? 'SUPPRESSED' : finding.status === 'FAIL' ? 'NEW' : 'RESOLVED',
    },
    RecordState: 'ACTIVE',
  };
}
