import { defineCheck } from '../../model/check';
import type { GuardDutyDetector } from '../../model/logging';
import { accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'guardduty_is_enabled',
  title: 'GuardDuty has an enabled detector in every region',
  service: 'guardduty',
  severity: 'high',
  resourceType: 'AwsGuardDutyDetector',
  risk: 'Without GuardDuty nobody is told about credential misuse, crypto-mining, reconnaissance or calls from known-bad addresses: an incident in that region produces no finding to respond to.',
  remediation:
    'In each region: aws guardduty create-detector --enable (or, for a disabled detector, aws guardduty update-detector --detector-id <id> --enable).',
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-regions.html',
  ],
  needs: ['guardDutyDetectors'],
  evaluate({ guardDutyDetectors }, ctx) {
    return ctx.regions.map((region) => {
      const detectors = guardDutyDetectors[region] ?? [];
      const resource = (detector: GuardDutyDetector) => ({
        region,
        type: 'AwsGuardDutyDetector',
        id: detector.id,
        arn: detector.arn,
      });
      const enabled = detectors.find((detector) => detector.status === 'ENABLED');
      if (enabled)
        return pass(
          resource(enabled),
          `GuardDuty detector ${enabled.id} is enabled in region ${region}.`,
        );
      const [disabled] = detectors;
      return disabled
        ? fail(
            resource(disabled),
            `GuardDuty detector ${disabled.id} in region ${region} is ${disabled.status.toLowerCase()}.`,
          )
        : fail(
            accountResource(ctx, 'guardduty', region),
            `Region ${region} has no GuardDuty detector.`,
          );
    });
  },
});
