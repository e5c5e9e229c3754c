import type { Finding } from '../model/finding';
import type { ScanReport } from './report';
import { securityHubProductArn, toAsffFinding } from './asff';

const finding: Finding = {
  id: '0123456789abcdef0123456789abcdef',
  checkId: 'iam_root_mfa_enabled',
  account: '123456789012',
  title: 'The root user has MFA',
  service: 'iam',
  severity: 'critical',
  status: 'FAIL',
  region: 'global',
  resourceType: 'AwsIamUser',
  resourceId: 'root',
  resourceArn: 'arn:aws:iam::123456789012:root',
  message: 'The root user has no MFA.',
  remediation: 'Enable MFA.',
  compliance: { 'cis-aws-5.0': ['1.4'] },
  muted: false,
};
const report = {
  account: '123456789012',
  partition: 'aws',
  asOf: '2026-06-01T00:00:00.000Z',
} as ScanReport;

describe('ASFF output', () => {
  test("imports into the account's own Security Hub product in the given region", () => {
    expect(securityHubProductArn('aws', 'eu-west-1', '123456789012')).toBe(
      'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
    );
    expect(toAsffFinding(finding, report, 'eu-west-1')).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: `pyjamas/${finding.id}`,
      GeneratorId: 'pyjamas/iam_root_mfa_enabled',
      Severity: { Label: 'CRITICAL' },
      Compliance: { Status: 'FAILED', RelatedRequirements: ['cis-aws-5.0 1.4'] },
      Resources: [{ Type: 'AwsIamUser', Id: finding.resourceArn, Region: 'eu-west-1' }],
      Workflow: { Status: 'NEW' },
    });
  });

  test.each<[Partial<Finding>, string, string]>([
    [{ status: 'PASS' }, 'PASSED', 'RESOLVED'],
    [{ status: 'FAIL', muted: true }, 'FAILED', 'SUPPRESSED'],
    [{ status: 'ERROR' }, 'NOT_AVAILABLE', 'RESOLVED'],
  ])('maps %j to compliance %s and workflow %s', (overrides, compliance, workflow) => {
    const asff = toAsffFinding({ ...finding, ...overrides }, report, 'us-east-1');
    expect(asff).toMatchObject({
      Compliance: { Status: compliance },
      Workflow: { Status: workflow },
    });
  });
});
