import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { monitoredAccount } from '../../../test/fixtures/monitoring';
import check from './cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled';

const CIS_PATTERN =
  '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) }';

describe('cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled', () => {
  test('passes when a multi-region trail feeds a filter with the benchmark pattern, alarmed to a confirmed subscriber', () => {
    const findings = runCheck(check, inventoryOf(monitoredAccount(CIS_PATTERN)));
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
    expect(findings[0]?.message).toMatch(/confirmed subscriber/);
  });

  test('fails when the filter misses part of the event set', () => {
    const findings = runCheck(
      check,
      inventoryOf(
        monitoredAccount(
          '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging)) }',
        ),
      ),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/matches every event of CloudTrail configuration changes/);
  });

  test('fails when the alarm notifies a topic nobody confirmed', () => {
    const findings = runCheck(
      check,
      inventoryOf(monitoredAccount(CIS_PATTERN, { confirmed: false })),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
  });

  test('is never not applicable: without a trail delivering to CloudWatch Logs it fails', () => {
    const findings = runCheck(
      check,
      inventoryOf(monitoredAccount(CIS_PATTERN, { logGroup: false })),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/No multi-region trail/);
  });
});
