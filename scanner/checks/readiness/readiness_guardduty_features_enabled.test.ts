import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { detector } from '../../../test/fixtures/resources';
import { MODULE_GUARDDUTY_FEATURES, type ScanConfig } from '../../model/check';
import type { GuardDutyDetector } from '../../model/logging';
import check from './readiness_guardduty_features_enabled';

const allOn = MODULE_GUARDDUTY_FEATURES.map((name) => ({ name, status: 'ENABLED' }));
const scan = (detectors: GuardDutyDetector[], config: Partial<ScanConfig> = {}) =>
  runCheck(
    check,
    inventoryOf({ regional: { 'us-east-1': { guardDutyDetectors: detectors } } }),
    config,
  );

describe('readiness_guardduty_features_enabled', () => {
  test("passes a detector with the module's protection plans on", () => {
    expect(verdicts(scan([detector('us-east-1', { features: allOn })]))).toEqual([
      ['PASS', 'det-us-east-1'],
    ]);
  });

  test('fails a detector with a plan turned off, naming it', () => {
    const features = allOn.map((feature) =>
      feature.name === 'S3_DATA_EVENTS' ? { ...feature, status: 'DISABLED' } : feature,
    );
    expect(scan([detector('us-east-1', { features })])[0]).toMatchObject({
      status: 'FAIL',
      message: 'GuardDuty detector det-us-east-1 in us-east-1 has S3_DATA_EVENTS off.',
    });
  });

  test('expects the plans the scan settings name', () => {
    const config = { guardDutyFeatures: ['RUNTIME_MONITORING'] };
    expect(scan([detector('us-east-1', { features: allOn })], config)[0]?.message).toMatch(
      /RUNTIME_MONITORING off/,
    );
  });

  test('is not applicable where no detector is enabled', () => {
    expect(
      verdicts(scan([detector('us-east-1', { status: 'DISABLED', features: allOn })])),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });
});
