import type { Check } from '../../scanner/model/check';
import { inventoryOf, runCheck, verdicts } from '../fixtures/inventory';
import { monitoredAccount } from '../fixtures/monitoring';

/** What sets one monitoring-section check apart from the others. */
export interface MonitoringCheckCase {
  /** The metric filter pattern the benchmark's audit gives for the control. */
  readonly benchmarkPattern: string;
  /** A pattern that leaves out part of the control's event set. */
  readonly incompletePattern: string;
  /** How the check's message names the event set, e.g. "use of the root user". */
  readonly eventSet: string;
}

/**
 * The behaviour every CIS monitoring-section check shares: a multi-region trail into CloudWatch
 * Logs, a metric filter covering the event set, an alarm on it and a confirmed subscriber pass;
 * a filter missing part of the set, an unconfirmed topic or no trail fail; never not applicable.
 */
export function describeMonitoringCheck(check: Check, spec: MonitoringCheckCase): void {
  const scan = (...args: Parameters<typeof monitoredAccount>) =>
    runCheck(check, inventoryOf(monitoredAccount(...args)));

  describe(check.id, () => {
    test('passes when a multi-region trail feeds a filter with the benchmark pattern, alarmed to a confirmed subscriber', () => {
      const findings = scan(spec.benchmarkPattern);
      expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
      expect(findings[0]?.message).toMatch(/confirmed subscriber/);
    });

    test('fails when the filter misses part of the event set', () => {
      const findings = scan(spec.incompletePattern);
      expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
      expect(findings[0]?.message).toContain(`matches every event of ${spec.eventSet}`);
    });

    test('fails when the alarm notifies a topic nobody confirmed', () => {
      expect(verdicts(scan(spec.benchmarkPattern, { confirmed: false }))).toEqual([
        ['FAIL', '123456789012'],
      ]);
    });

    test('is never not applicable: without a trail delivering to CloudWatch Logs it fails', () => {
      const findings = scan(spec.benchmarkPattern, { logGroup: false });
      expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
      expect(findings[0]?.message).toMatch(/No multi-region trail/);
    });
  });
}
