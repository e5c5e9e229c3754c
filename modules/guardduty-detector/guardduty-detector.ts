import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsGuarddutyDetector } from '@cdktf/provider-aws/lib/data-aws-guardduty-detector';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import type { LogDestination } from '../shared/log-destination';
import { plumbingTags } from '../shared/tags';
import { checkOneOf, InvalidPropError } from '../shared/validation';

/** GuardDuty protection plans the detector manages, by prop name, with their API feature names. */
export const GUARDDUTY_PROTECTIONS = {
  s3DataEvents: 'S3_DATA_EVENTS',
  eksAuditLogs: 'EKS_AUDIT_LOGS',
  ebsMalwareProtection: 'EBS_MALWARE_PROTECTION',
  rdsLoginEvents: 'RDS_LOGIN_EVENTS',
  lambdaNetworkLogs: 'LAMBDA_NETWORK_LOGS',
  runtimeMonitoring: 'RUNTIME_MONITORING',
} as const;

/** Name of one protection plan, e.g. `ebsMalwareProtection`. */
export type GuardDutyProtection = keyof typeof GUARDDUTY_PROTECTIONS;

/** How often GuardDuty exports updates of existing findings. New findings export within five minutes. */
export const FINDING_PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;

/** Agent management that Runtime Monitoring turns on with it: GuardDuty deploys its security agent. */
const RUNTIME_AGENT_MANAGEMENT = [
  'EKS_ADDON_MANAGEMENT',
  'ECS_FARGATE_AGENT_MANAGEMENT',
  'EC2_AGENT_MANAGEMENT',
] as const;

const DEFAULT_PROTECTIONS: Record<GuardDutyProtection, boolean> = {
  s3DataEvents: true,
  eksAuditLogs: true,
  ebsMalwareProtection: true,
  rdsLoginEvents: true,
  lambdaNetworkLogs: true,
  runtimeMonitoring: false,
};

/** Properties of a {@link GuardDutyDetector}. */
export interface GuardDutyDetectorProps {
  /**
   * Adopt the region's existing detector instead of creating one: it is looked up at plan time
   * (data source `aws_guardduty_detector`) and left as it is, and only the findings export is
   * added. An account has at most one detector per region, and creating a second fails where a
   * delegated administrator, AWS Control Tower or a console click already turned GuardDuty on.
   * Protection plans and the publishing frequency then stay with whoever owns the detector.
   *
   * @default false
   * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html
   */
  readonly adopt?: boolean;

  /**
   * Bucket and key that findings are exported to, usually the evidence bucket. GuardDuty keeps
   * findings for 90 days; the export keeps them as long as the bucket does.
   *
   * @default - findings are not exported
   */
  readonly findingsExport?: LogDestination;

  /**
   * How often updates of existing findings are exported (and sent to EventBridge), one of
   * {@link FINDING_PUBLISHING_FREQUENCIES}.
   *
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingPublishingFrequency?: (typeof FINDING_PUBLISHING_FREQUENCIES)[number];

  /**
   * Protection plans to turn on (true) or off (false). Plans not available in a region make
   * the deployment fail there; turn them off for that region.
   *
   * @default - every plan on except runtimeMonitoring, which deploys an agent into EKS, ECS and EC2 workloads
   */
  readonly protections?: Partial<Record<GuardDutyProtection, boolean>>;

  /**
   * Whether this detector sets its protection plans. Set it to false in member accounts whose
   * plans are managed by the organization's GuardDuty delegated administrator.
   *
   * @default true
   */
  readonly manageProtections?: boolean;

  /**
   * Provider of the region the detector watches. GuardDuty is regional: every region needs a
   * detector.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An enabled GuardDuty detector with its protection plans, or the region's existing detector
 * adopted, and optionally a findings export to S3.
 */
export class GuardDutyDetector extends Construct {
  /** Id of the detector. */
  public readonly detectorId: string;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);
    const frequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    checkOneOf(
      'GuardDutyDetector',
      'findingPublishingFrequency',
      frequency,
      FINDING_PUBLISHING_FREQUENCIES,
    );
    const provider = props.provider;
    const adopt = props.adopt ?? false;
    if (adopt) {
      for (const prop of [
        'protections',
        'findingPublishingFrequency',
        'manageProtections',
      ] as const) {
        if (props[prop] !== undefined) {
          throw new InvalidPropError(
            'GuardDutyDetector',
            prop,
            props[prop],
            'must be left out when adopting an existing detector: its owner (a delegated administrator, Control Tower) sets it',
          );
        }
      }
    }

    const detector = adopt
      ? new DataAwsGuarddutyDetector(this, 'existing-detector', { provider })
      : new GuarddutyDetector(this, 'detector', {
          provider,
          enable: true,
          findingPublishingFrequency: frequency,
          tags: plumbingTags(PLUMBING_COMPONENTS.guardDutyDetector),
        });
    this.detectorId = detector.id;

    if (!adopt && (props.manageProtections ?? true)) {
      const protections = { ...DEFAULT_PROTECTIONS, ...props.protections };
      for (const [protection, feature] of Object.entries(GUARDDUTY_PROTECTIONS) as [
        GuardDutyProtection,
        string,
      ][]) {
        const status = protections[protection] ? 'ENABLED' : 'DISABLED';
        new GuarddutyDetectorFeature(this, kebab(protection), {
          provider,
          detectorId: detector.id,
          name: feature,
          status,
          additionalConfiguration:
            protection === 'runtimeMonitoring'
              ? RUNTIME_AGENT_MANAGEMENT.map((name) => ({ name, status }))
              : undefined,
        });
      }
    }

    if (props.findingsExport) {
      new GuarddutyPublishingDestination(this, 'findings-export', {
        provider,
        detectorId: detector.id,
        destinationType: 'S3',
        destinationArn: props.findingsExport.bucketArn,
        kmsKeyArn: props.findingsExport.kmsKeyArn,
        // GuardDuty tests that it can write before it accepts the destination.
        dependsOn: props.findingsExport.deliveryDependencies,
      });
    }
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
