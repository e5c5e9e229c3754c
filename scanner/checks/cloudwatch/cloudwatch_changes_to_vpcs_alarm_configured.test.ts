import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { monitoredAccount } from '../../../test/fixtures/monitoring';
import check from './cloudwatch_changes_to_vpcs_alarm_configured';

const CIS_PATTERN =
  '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink)) }';

describe('cloudwatch_changes_to_vpcs_alarm_configured', () => {
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
          '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink)) }',
        ),
      ),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/matches every event of VPC changes/);
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
