import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { GuardDutyDetector, type GuardDutyDetectorProps } from './guardduty-detector';

function synthDetector(props: GuardDutyDetectorProps = {}): string {
  return synthScope((scope) => new GuardDutyDetector(scope, 'guardduty', props));
}

function featureStatuses(synthesized: string): Record<string, unknown> {
  return Object.fromEntries(
    resourcesOfType(synthesized, 'aws_guardduty_detector_feature').map((feature) => [
      feature.name,
      feature.status,
    ]),
  );
}

describe('GuardDutyDetector', () => {
  test("adopts the region's existing detector: looked up, not created, its plans left alone", () => {
    const synthesized = synthDetector({ adopt: true });
    expect(resourcesOfType(synthesized, 'aws_guardduty_detector')).toEqual([]);
    expect(resourcesOfType(synthesized, 'aws_guardduty_detector_feature')).toEqual([]);
    expect(
      Object.keys(
        (JSON.parse(synthesized) as { data: { aws_guardduty_detector: object } }).data
          .aws_guardduty_detector,
      ),
    ).toHaveLength(1);
    expect(() => synthDetector({ adopt: true, protections: { s3DataEvents: false } })).toThrow(
      /GuardDutyDetector: protections must be left out when adopting an existing detector/,
    );
  });

  test('enables a detector that publishes every fifteen minutes, tagged for responders', () => {
    expect(synthDetector()).toHaveResourceWithProperties(GuarddutyDetector, {
      enable: true,
      finding_publishing_frequency: 'FIFTEEN_MINUTES',
      tags: { 'pyjamas:component': 'guardduty-detector', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('turns every protection plan on except Runtime Monitoring by default', () => {
    expect(featureStatuses(synthDetector())).toEqual({
      S3_DATA_EVENTS: 'ENABLED',
      EKS_AUDIT_LOGS: 'ENABLED',
      EBS_MALWARE_PROTECTION: 'ENABLED',
      RDS_LOGIN_EVENTS: 'ENABLED',
      LAMBDA_NETWORK_LOGS: 'ENABLED',
      RUNTIME_MONITORING: 'DISABLED',
    });
  });

  test('turns Runtime Monitoring on with GuardDuty-managed agents when asked, and a plan off when asked', () => {
    const synthesized = synthDetector({
      protections: { runtimeMonitoring: true, rdsLoginEvents: false },
    });
    expect(featureStatuses(synthesized)).toMatchObject({
      RUNTIME_MONITORING: 'ENABLED',
      RDS_LOGIN_EVENTS: 'DISABLED',
    });
    const runtime = resourcesOfType(synthesized, 'aws_guardduty_detector_feature').find(
      (feature) => feature.name === 'RUNTIME_MONITORING',
    );
    expect(runtime?.additional_configuration).toEqual([
      { name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' },
      { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
      { name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' },
    ]);
  });

  test('gives each protection plan a construct id named after its prop, which Terraform addresses keep', () => {
    const addresses = Object.keys(
      (JSON.parse(synthDetector()) as { resource: Record<string, object> }).resource
        .aws_guardduty_detector_feature ?? {},
    );
    expect(addresses.map((address) => address.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      'guardduty_ebs-malware-protection',
      'guardduty_eks-audit-logs',
      'guardduty_lambda-network-logs',
      'guardduty_rds-login-events',
      'guardduty_runtime-monitoring',
      'guardduty_s3-data-events',
    ]);
  });

  test('leaves protection plans alone when a delegated administrator manages them', () => {
    expect(
      resourcesOfType(
        synthDetector({ manageProtections: false }),
        'aws_guardduty_detector_feature',
      ),
    ).toEqual([]);
  });

  test('exports findings to the destination bucket with its key once the bucket is ready', () => {
    const synthesized = synthScope((scope) => {
      const bucket = new S3Bucket(scope, 'bucket', { bucket: 'evidence' });
      new GuardDutyDetector(scope, 'guardduty', {
        findingsExport: {
          bucketName: bucket.bucket,
          bucketArn: bucket.arn,
          kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/1',
          deliveryDependencies: [bucket],
        },
      });
    });
    expect(synthesized).toHaveResourceWithProperties(GuarddutyPublishingDestination, {
      destination_type: 'S3',
      destination_arn: '${aws_s3_bucket.bucket.arn}',
      kms_key_arn: 'arn:aws:kms:eu-west-1:1:key/1',
      depends_on: ['aws_s3_bucket.bucket'],
    });
  });

  test('exports no findings unless a destination is given', () => {
    expect(synthDetector()).not.toHaveResource(GuarddutyPublishingDestination);
  });

  test('rejects a publishing frequency GuardDuty does not offer', () => {
    expect(() => synthDetector({ findingPublishingFrequency: 'HOURLY' as 'ONE_HOUR' })).toThrow(
      /GuardDutyDetector: findingPublishingFrequency must be one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS, got "HOURLY"/,
    );
  });
});
