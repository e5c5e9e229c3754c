import type { CheckMetadata } from '../model/check';
import type { Finding, Severity } from '../model/finding';
import type { ScanReport } from './report';

const LEVEL: { readonly [S in Severity]: 'error' | 'warning' | 'note' } = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** security-severity as code-scanning dashboards rank it (0.0–10.0). */
const SECURITY_SEVERITY: { readonly [S in Severity]: string } = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

/**
 * The report as SARIF 2.1.0: one rule per check, one result per failed or unjudged finding
 * (passes and not-applicable findings are left out, as code-scanning tools expect). Muted
 * failures carry an accepted suppression. Resources are logical locations named by ARN, since
 * cloud resources have no file to point at.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function toSarif(report: ScanReport, checks: readonly CheckMetadata[]): object {
  const reported = report.findings.filter(
    (finding) =>
      finding.status === 'FAIL' || finding.status === 'ERROR' || finding.status === 'MANUAL',
  );
  const used = new Set(report.findings.map((finding) => finding.checkId));
  const rules = checks.filter((check) => used.has(check.id));
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyjamas',
            version: report.tool.version,
            rules: rules.map((check) => ({
              id: check.id,
              name: check.id,
              shortDescription: { text: check.title },
              fullDescription: { text: check.risk },
              help: { text: check.remediation },
              helpUri: check.references[0],
              properties: {
                'security-severity': SECURITY_SEVERITY[check.severity],
                tags: ['security', check.service],
              },
            })),
          },
        },
        results: reported.map((finding) => result(finding, index.get(finding.checkId))),
        properties: { account: report.account, asOf: report.asOf },
      },
    ],
  };
}

function result(finding: Finding, ruleIndex: number | undefined): object {
  return {
    ruleId: finding.checkId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.status === 'FAIL' ? LEVEL[finding.severity] : 'note',
    kind: finding.status === 'FAIL' ? 'fail' : finding.status === 'MANUAL' ? 'review' : 'open',
    message: { text: finding.message },
    locations: [
      {
        logicalLocations: [
          {
            name: finding.resourceId,
            fullyQualifiedName: finding.resourceArn,
            kind: finding.resourceType,
          },
        ],
      },
    ],
    partialFingerprints: { pyjamasFindingId: finding.id },
    ...(finding.muted
      ? {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: finding.mutedReason ?? '' },
          ],
        }
      : {}),
    properties: { region: finding.region, compliance: finding.compliance },
  };
}
