import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { monitoredAccount } from '../../../test/fixtures/monitoring';
import check from './cloudwatch_log_metric_filter_aws_organizations_changes';

const CIS_PATTERN =
  '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }';

describe('cloudwatch_log_metric_filter_aws_organizations_changes', () => {
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
          '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy)) }',
        ),
      ),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/matches every event of AWS Organizations changes/);
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
