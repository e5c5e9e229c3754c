import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'readiness_guardduty_features_enabled',
  title: 'Every enabled GuardDuty detector has the expected protection plans on',
  service: 'readiness',
  severity: 'medium',
  resourceType: 'AwsGuardDutyDetector',
  risk: 'A detector with its protection plans turned off sees only part of an attack: no S3 data events means no finding for mass reads of the evidence or data buckets, no malware scan of a compromised volume, no finding for a Lambda or RDS foothold, so the automatic response never starts.',
  remediation:
    'aws guardduty update-detector --detector-id <id> --features Name=<FEATURE>,Status=ENABLED for each missing plan, or deploy the detector with the Pyjamas module (GuardDutyDetector). The expected plans are the scan setting guardDutyFeatures.',
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html',
  ],
  needs: ['guardDutyDetectors'],
  evaluate: ({ guardDutyDetectors }, ctx) =>
    ctx.regions.flatMap((region) => {
      const enabled = (guardDutyDetectors[region] ?? []).filter(
        (detector) => detector.status === 'ENABLED',
      );
      // Whether GuardDuty runs at all is guardduty_is_enabled's verdict.
      if (enabled.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'guardduty', region),
            `Region ${region} has no enabled GuardDuty detector.`,
          ),
        ];
      return enabled.map((detector) => {
        const resource = {
          region,
          type: 'AwsGuardDutyDetector',
          id: detector.id,
          arn: detector.arn,
        };
        const on = new Set(
          detector.features
            .filter((feature) => feature.status === 'ENABLED')
            .map((feature) => feature.name),
        );
        const missing = ctx.config.guardDutyFeatures.filter((feature) => !on.has(feature));
        return missing.length === 0
          ? pass(
              resource,
              `GuardDuty detector ${detector.id} in ${region} has every expected protection plan on.`,
            )
          : fail(
              resource,
              `GuardDuty detector ${detector.id} in ${region} has ${missing.join(', ')} off.`,
            );
      });
    }),
});
