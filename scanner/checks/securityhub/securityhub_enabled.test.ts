import { failed, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import check from './securityhub_enabled';

describe('securityhub_enabled', () => {
  test('passes a region with a hub and fails a region without', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            securityHub: {
              hubArn: 'arn:aws:securityhub:us-east-1:123456789012:hub/default',
              subscribedAt: null,
            },
          },
          'eu-west-1': { securityHub: null },
        },
      }),
    );
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['PASS', 'us-east-1'],
      ['FAIL', 'eu-west-1'],
    ]);
  });

  test('is never not applicable, and a refused DescribeHub is an error rather than a pass', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { securityHub: failed('securityhub:DescribeHub') } },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['ERROR']);
  });
});
