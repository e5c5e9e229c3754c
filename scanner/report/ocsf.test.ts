import type { Finding } from '../model/finding';
import type { ScanReport } from './report';
import { toOcsf } from './ocsf';

const finding: Finding = {
  id: '0123456789abcdef0123456789abcdef',
  checkId: 'guardduty_is_enabled',
  account: '123456789012',
  title: 'GuardDuty is enabled in every region',
  service: 'guardduty',
  severity: 'high',
  status: 'FAIL',
  region: 'eu-west-1',
  resourceType: 'AwsAccount',
  resourceId: '123456789012',
  resourceArn: 'arn:aws:guardduty:eu-west-1:123456789012:account',
  message: 'Region eu-west-1 has no GuardDuty detector.',
  remediation: 'Enable GuardDuty.',
  compliance: {},
  muted: false,
};
const report = {
  account: '123456789012',
  partition: 'aws',
  asOf: '2026-06-01T00:00:00.000Z',
  tool: { name: 'pyjamas', version: '1.2.3' },
  findings: [finding, { ...finding, id: 'ff', muted: true, mutedReason: 'lab account' }],
} as unknown as ScanReport;

describe('OCSF output', () => {
  test('maps a finding to a Detection Finding with severity, status, cloud and resource', () => {
    const [ocsf] = toOcsf(report);
    expect(ocsf).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      type_uid: 200401,
      severity_id: 4,
      severity: 'High',
      status_id: 1,
      status_code: 'FAIL',
      time: Date.parse('2026-06-01T00:00:00.000Z'),
      metadata: {
        version: '1.1.0',
        event_code: 'guardduty_is_enabled',
        product: { name: 'Pyjamas', version: '1.2.3' },
      },
      finding_info: { uid: finding.id, title: finding.title },
      cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: '123456789012' } },
      resources: [{ uid: finding.resourceArn, region: 'eu-west-1', cloud_partition: 'aws' }],
    });
  });

  test('marks muted findings as suppressed with their reason', () => {
    expect(toOcsf(report)[1]).toMatchObject({
      status_id: 3,
      status: 'Suppressed',
      unmapped: { muted_reason: 'lab account' },
    });
  });
});
