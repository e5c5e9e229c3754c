import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { detector } from '../../../test/fixtures/resources';
import check from './guardduty_is_enabled';

describe('guardduty_is_enabled', () => {
  test('passes each region with an enabled detector, on the detector', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { guardDutyDetectors: [detector('us-east-1')] },
        'eu-west-1': { guardDutyDetectors: [detector('eu-west-1')] },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['PASS', 'det-us-east-1'],
      ['PASS', 'det-eu-west-1'],
    ]);
    expect(findings[1]).toMatchObject({
      region: 'eu-west-1',
      resourceType: 'AwsGuardDutyDetector',
      resourceArn: 'arn:aws:guardduty:eu-west-1:123456789012:detector/det-eu-west-1',
    });
    expect(findings[1]?.message).toBe(
      'GuardDuty detector det-eu-west-1 is enabled in region eu-west-1.',
    );
  });

  test('passes a region with an enabled detector beside a disabled one', () => {
    const detectors = [
      detector('eu-west-1', { id: 'off', status: 'DISABLED' }),
      detector('eu-west-1', { id: 'on' }),
    ];
    expect(
      verdicts(
        runCheck(
          check,
          inventoryOf({ regional: { 'eu-west-1': { guardDutyDetectors: detectors } } }),
        ),
      ),
    ).toEqual([['PASS', 'on']]);
  });

  test('fails a region whose only detector is disabled, on the detector', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'eu-west-1': { guardDutyDetectors: [detector('eu-west-1', { status: 'DISABLED' })] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'det-eu-west-1']]);
    expect(findings[0]?.message).toBe(
      'GuardDuty detector det-eu-west-1 in region eu-west-1 is disabled.',
    );
  });

  test('is never not applicable: a region without a detector fails, on the account', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { guardDutyDetectors: [] } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      resourceArn: 'arn:aws:guardduty:eu-west-1:123456789012:account',
    });
    expect(findings[0]?.message).toBe('Region eu-west-1 has no GuardDuty detector.');
  });

  test('reports an error for a region whose detectors could not be read and judges the others', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { guardDutyDetectors: [detector('us-east-1')] },
        'eu-west-1': { guardDutyDetectors: failed('guardduty:ListDetectors', 'eu-west-1') },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'det-us-east-1'],
    ]);
    expect(findings[0]?.message).toMatch(/guardduty:ListDetectors failed in eu-west-1/);
  });
});
