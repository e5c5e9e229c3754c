import { Token, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTopic } from '../alarm-topic/alarm-topic';
import { ConfigBucket } from '../config-bucket/config-bucket';
import { ConfigRecorder, type ConfigRecorderProps } from '../config-recorder/config-recorder';
import {
  ConfigRemediation,
  type ConfigRemediationProps,
  type ConfigRemediationRoles,
} from '../config-remediation/config-remediation';
import { EvidenceBucket, type EvidenceBucketProps } from '../evidence-bucket/evidence-bucket';
import { FlowLogs, type FlowLogsProps } from '../flow-logs/flow-logs';
import {
  ForensicAmiPipeline,
  type ForensicAmiPipelineProps,
} from '../forensic-ami-pipeline/forensic-ami-pipeline';
import type { ForensicToolPins } from '../forensic-ami-pipeline/forensic-tools';
import { ForensicWorkstationTemplate } from '../forensic-workstation-template/forensic-workstation-template';
import {
  ForensicInstanceProfile,
  type ForensicInstanceProfileProps,
} from '../forensic-instance-profile/forensic-instance-profile';
import {
  ForensicSecurityGroup,
  type ForensicSecurityGroupProps,
} from '../forensic-security-group/forensic-security-group';
import {
  GuardDutyDetector,
  type GuardDutyDetectorProps,
} from '../guardduty-detector/guardduty-detector';
import {
  GuardDutyResponse,
  type GuardDutyResponseProps,
} from '../guardduty-response/guardduty-response';
import {
  IsolationSecurityGroups,
  type MemoryCapturePath,
} from '../isolation-security-groups/isolation-security-groups';
import { QuarantineInstanceProfile } from '../quarantine-instance-profile/quarantine-instance-profile';
import {
  ResponderFunctions,
  type NotificationTopic,
  type ResponderRoles,
} from '../responder-functions/responder-functions';
import { ScheduledScan, type ScheduledScanProps } from '../scheduled-scan/scheduled-scan';
import type { LambdaRuntime } from '../shared/lambda-bundle';
import type { LogDestination } from '../shared/log-destination';
import { AwsContext } from '../shared/aws-context';
import { checkNamePrefix, checkOneOf, checkPattern, InvalidPropError } from '../shared/validation';
import { Trail, type TrailProps } from '../trail/trail';

/** A VPC that gets isolation groups, a forensic group and flow logs. */
export interface PlumbingVpc {
  /** Id of the VPC. */
  readonly vpcId: string;

  /**
   * Permanent name of the VPC's plumbing: it becomes part of the Terraform addresses, so
   * changing it replaces the groups and the flow log. Lowercase letters, digits and hyphens.
   *
   * @default - the VPC id, which must then be known at synth time
   */
  readonly name?: string;

  /**
   * Path from isolation to the VPC's SSM and S3 endpoints for memory capture.
   *
   * @default - no memory capture group in this VPC
   */
  readonly memoryCapture?: MemoryCapturePath;
}

/** A region the plumbing is deployed to. */
export interface PlumbingRegion {
  /** Region name, e.g. `eu-west-1`; it is also the construct id of the region's plumbing. */
  readonly region: string;

  /**
   * AWS provider configured for this region (and account).
   *
   * @default - the stack's default AWS provider; at most one region may use it
   */
  readonly provider?: TerraformProvider;

  /**
   * VPCs of this region that get isolation groups, a forensic group and flow logs.
   *
   * @default - none
   */
  readonly vpcs?: PlumbingVpc[];
}

/**
 * What the plumbing does about a service that allows one instance per account and region:
 * `create` it, `adopt` the one that is already there (a delegated administrator, AWS Control
 * Tower or a console click turned it on) without creating anything, or leave it `off`.
 */
export const SERVICE_MODES = ['create', 'adopt', 'off'] as const;

/** One of {@link SERVICE_MODES}. */
export type ServiceMode = (typeof SERVICE_MODES)[number];

/**
 * Terraform resource types that AWS allows once per account and region, with the prop that
 * adopts an existing one instead. The constraint suite fails a stack that creates any other
 * such type: a second one fails on a real account.
 */
export const ADOPTABLE_SINGLETONS: Readonly<Record<string, string>> = {
  aws_guardduty_detector: "guardDuty.mode: 'adopt'",
  aws_config_configuration_recorder: "config.mode: 'adopt'",
  aws_config_delivery_channel: "config.mode: 'adopt'",
};

/** Options of the GuardDuty detectors, one per region. */
export interface PlumbingGuardDutyOptions extends Pick<
  GuardDutyDetectorProps,
  'protections' | 'manageProtections' | 'findingPublishingFrequency'
> {
  /**
   * `create` a detector in every region; `adopt` each region's existing detector (looked up with
   * the `aws_guardduty_detector` data source, never created or changed, so `protections`,
   * `manageProtections` and `findingPublishingFrequency` must be left out); or `off`: no
   * detector and no findings export, where another account or tool owns GuardDuty entirely.
   *
   * @default 'create'
   */
  readonly mode?: ServiceMode;

  /**
   * Whether each region's detector exports its findings to the evidence bucket. Turn it off
   * where the organization's delegated administrator exports for every member.
   *
   * @default true
   */
  readonly exportFindings?: boolean;
}

/** Options of the Config recorders, one per region. */
export interface PlumbingConfigOptions extends Pick<
  ConfigRecorderProps,
  'snapshotDeliveryFrequency'
> {
  /**
   * `create` a recorder and delivery channel in every region, delivering to a Config bucket of
   * its own; `adopt` the recorder that already records in each region (AWS Control Tower, a
   * delegated administrator), creating none; or `off`. Provider 5.100.0 has no data source for
   * Config recorders, so `adopt` takes the existing recorder's name from `recorderName` and
   * trusts it to exist. Config rules and remediations need a recorder: `off` requires
   * `automaticResponse.configRemediation: false`.
   *
   * @default 'create'
   * @see https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html
   */
  readonly mode?: ServiceMode;

  /**
   * Name of the existing recorder, when `mode` is `adopt`.
   *
   * @default 'default', the name the Config console gives
   */
  readonly recorderName?: string;
}

/** The responders as Lambda functions, and what triggers them. */
export interface AutomaticResponseOptions {
  /**
   * Whether the responders act. Off, every trigger still runs a responder, which reads the
   * target, plans, logs the plan and tells the notification topic, and changes nothing
   * (PYJAMAS_ENFORCE=false). Turn it on once the dry-run notices look right.
   *
   * @default false
   */
  readonly enforce?: boolean;

  /**
   * GuardDuty findings routed to the responders in every region, or false for none.
   *
   * @default - findings about EC2 instances to isolation and about access keys to revocation, every type, severity 7 and above
   */
  readonly guardDuty?: false | Pick<GuardDutyResponseProps, 'isolation' | 'revocation'>;

  /**
   * Config rules with automatic remediation, or false for none: "an instance tagged
   * `pyjamas:quarantine` is isolated" in every region and "an access key tagged compromised is
   * inactive" in the home region (where Config records IAM users).
   *
   * @default - both rules, 5 attempts within 600 s, the compromised-key rule also every hour
   */
  readonly configRemediation?:
    | false
    | Pick<
        ConfigRemediationProps,
        | 'remediate'
        | 'maximumAutomaticAttempts'
        | 'retryAttemptSeconds'
        | 'compromisedKeyCheckFrequency'
      >;

  /**
   * Concurrent executions reserved for each responder function, or false for none (see
   * ResponderFunctions). Lambda needs 100 unreserved executions left per region: accounts on the
   * initial quota of 10 must raise it or pass false.
   *
   * @default 5
   */
  readonly reservedConcurrency?: number | false;
}

/** Options of the scheduled scan. */
export type PlumbingScheduledScanOptions = Pick<
  ScheduledScanProps,
  'schedule' | 'regions' | 'reportPrefix' | 'securityHub'
>;

/** The forensic AMI pipeline and the workstation's launch template, in one VPC of the home region. */
export interface PlumbingForensicAmi extends Pick<
  ForensicAmiPipelineProps,
  | 'schedule'
  | 'startCondition'
  | 'instanceTypes'
  | 'kmsKeyArn'
  | 'logs'
  | 'notificationEmailAddresses'
  | 'keepImages'
> {
  /** Name of the home region's VPC (as in `regions[].vpcs`) whose forensic group the build and the workstation use. */
  readonly vpc: string;
  /** A private subnet of that VPC, for the build and for the workstation. */
  readonly subnetId: string;
  /**
   * AVML and Volatility 3, each added when its SHA-256 is given.
   *
   * @default - the Ubuntu archive's tools only (The Sleuth Kit, ewf-tools, dc3dd, YARA, LiME)
   */
  readonly tools?: ForensicToolPins;
  /**
   * Security groups of the build instances instead of the VPC's forensic group, e.g. one that
   * also lets apt reach the Ubuntu archive over HTTP ({@link ForensicBuildNetwork}).
   *
   * @default - the VPC's forensic group (HTTPS out only: the subnet needs an HTTPS mirror of the archive)
   */
  readonly buildSecurityGroupIds?: string[];
  /**
   * Instance type of the workstation.
   *
   * @default 'm6i.xlarge'
   */
  readonly workstationInstanceType?: string;
}

/** Properties of {@link IncidentResponsePlumbing}. */
export interface IncidentResponsePlumbingProps {
  /**
   * Regions to deploy to. Every region gets a GuardDuty detector, a Config recorder and the
   * plumbing of its VPCs; the home region also gets the evidence bucket, the multi-region trail,
   * the alarms and the IAM instance profiles.
   */
  readonly regions: PlumbingRegion[];

  /**
   * Region that holds the account-wide parts and records Config's global resources.
   *
   * @default - the first region
   */
  readonly homeRegion?: string;

  /**
   * Start of every name the plumbing gives (groups, roles, trail, topic, recorder).
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Settings of the evidence bucket created in the home region.
   *
   * @default - EvidenceBucket defaults: 365 days of COMPLIANCE retention, Glacier after 90 days
   */
  readonly evidence?: Omit<EvidenceBucketProps, 'provider' | 'preventDestroy'>;

  /**
   * An existing evidence store to deliver to instead of creating one: the central bucket of a
   * security account in an organization, whose policies must let this account deliver
   * (EvidenceBucket `deliveryAccountIds`).
   *
   * @default - an EvidenceBucket is created in the home region
   */
  readonly evidenceDestination?: LogDestination;

  /**
   * An existing Config bucket to deliver to instead of creating one: the central
   * {@link ConfigBucket} of a security account (its `deliveryAccountIds` must hold this account).
   *
   * @default - a ConfigBucket is created in the home region when `config.mode` is `create`
   */
  readonly configDestination?: LogDestination;

  /**
   * Lambda runtime of every function the plumbing deploys.
   *
   * @default 'nodejs22.x', the newest Node.js runtime the pinned provider 5.100.0 accepts
   */
  readonly lambdaRuntime?: LambdaRuntime;

  /**
   * Options of the trail and its CIS alarms.
   *
   * @default - Trail defaults: 365 days in CloudWatch Logs, no email subscriptions
   */
  readonly trail?: Pick<TrailProps, 'logRetentionDays' | 'alarmEmailAddresses'>;

  /**
   * Options of the GuardDuty detectors.
   *
   * @default - a detector in every region with every protection plan except Runtime Monitoring, findings exported to the evidence bucket
   */
  readonly guardDuty?: PlumbingGuardDutyOptions;

  /**
   * Options of the Config recorders: a region has at most one recorder, so where another tool
   * (such as AWS Control Tower) already records, adopt it or turn Config off here.
   *
   * @default - a recorder in every region, global resources in the home region, delivering to a Config bucket
   */
  readonly config?: PlumbingConfigOptions;

  /**
   * Options of the forensic workstation's instance profile.
   *
   * @default - ForensicInstanceProfile defaults: no SSM management
   */
  readonly forensicWorkstation?: Pick<ForensicInstanceProfileProps, 'ssmManaged'>;

  /**
   * Options of the forensic security group in every VPC.
   *
   * @default - ForensicSecurityGroup defaults: HTTPS egress anywhere
   */
  readonly forensicSecurityGroup?: Pick<ForensicSecurityGroupProps, 'httpsEgressCidrBlocks'>;

  /**
   * Options of the flow logs of every VPC.
   *
   * @default - FlowLogs defaults: 600-second aggregation
   */
  readonly flowLogs?: Pick<FlowLogsProps, 'maxAggregationIntervalSeconds'>;

  /**
   * Responders as Lambda functions in every region: isolation and key revocation, triggered by
   * GuardDuty findings and by Config rules with automatic remediation, with a dead-letter queue
   * and error alarms, telling the alarm topic what each response did. With
   * `evidenceDestination` (a member of an organization), they file in the central store under
   * `cases/<this account>/`, the prefixes its bucket policy lets this account write and read, and
   * name the store's owner in PYJAMAS_EVIDENCE_BUCKET_OWNER.
   *
   * @default - no automatic response
   */
  readonly automaticResponse?: AutomaticResponseOptions;

  /**
   * The scanner as a Lambda function in the home region on a schedule, filing reports in the
   * evidence bucket under `scans/<account>/` and telling the alarm topic each scan's summary
   * (with `evidenceDestination`, in the central store).
   *
   * @default - no scheduled scan
   */
  readonly scheduledScan?: PlumbingScheduledScanOptions;

  /**
   * A weekly forensic AMI pipeline and the workstation launch template that
   * `pyjamas forensics launch-workstation` uses, in one VPC of the home region.
   *
   * @default - neither
   */
  readonly forensicAmi?: PlumbingForensicAmi;

  /**
   * Whether Terraform refuses to destroy the evidence bucket, its key and its log bucket, the
   * Config bucket and its key, and the key of the trail's log group. Set it to false only in
   * tests that create and destroy the plumbing.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** The plumbing of one VPC, for responders and outputs. */
export interface VpcPlumbing {
  /** Id of the VPC. */
  readonly vpcId: string;
  /** Id of the group without rules that isolates an instance. */
  readonly isolationGroupId: string;
  /** Id of the all-traffic group used for the first step of the swap. */
  readonly untrackGroupId: string;
  /** Id of the egress-only group for memory capture, when the VPC has one. */
  readonly memoryCaptureGroupId?: string;
  /** Id of the forensic workstation's group. */
  readonly forensicGroupId: string;
  /** Id of the VPC's flow log. */
  readonly flowLogId: string;
}

/** The plumbing of one region, for responders and outputs. */
export interface RegionalPlumbing {
  /** Id of the region's GuardDuty detector, created or adopted, unless GuardDuty is off. */
  readonly guardDutyDetectorId?: string;
  /** Name of the region's Config recorder, unless Config is left out. */
  readonly configRecorderName?: string;
  /** Plumbing of each VPC, by VPC name. */
  readonly vpcs: Readonly<Record<string, VpcPlumbing>>;
  /** The region's automatic response, when it is on. */
  readonly automaticResponse?: RegionalResponse;
}

/** The automatic response of one region, for operators and outputs. */
export interface RegionalResponse {
  /** Names of the responder functions. */
  readonly functionNames: string[];
  /** Names of the Config rules with remediation. */
  readonly configRuleNames: string[];
  /** ARN of the dead-letter queue. */
  readonly deadLetterQueueArn: string;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;
const VPC_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Everything an account needs before an incident, in every region given: the evidence store,
 * the multi-region trail with CIS alarms, GuardDuty, Config, flow logs, isolation and forensic
 * security groups in each VPC, and the quarantine and forensic instance profiles; optionally the
 * responders as Lambda functions with their GuardDuty and Config triggers, a scheduled scan, and
 * the forensic AMI pipeline with the workstation's launch template.
 *
 * Construct ids are permanent: the account-wide parts are `evidence`,
 * `config-bucket`, `trail`, `quarantine-profile`, `forensic-profile`, `scheduled-scan`,
 * `forensic-ami` and `forensic-workstation-template`; each region's parts live under
 * the region name (`guardduty`, `config`, `responders`, `guardduty-response`,
 * `config-remediation`, `alarm-topic`, `context`), and each VPC's under `vpcs/<name>`. Later additions come
 * as new optional props and new ids, never by renaming these.
 */
export class IncidentResponsePlumbing extends Construct {
  /** Where logs, findings and evidence are delivered. */
  public readonly evidence: LogDestination;
  /** The evidence bucket, when this plumbing created it. */
  public readonly evidenceBucket?: EvidenceBucket;
  /**
   * The bucket the responders and the scheduled scan file in: the evidence bucket, or the central
   * store of `evidenceDestination` (under this account's own prefixes there).
   */
  public readonly responseEvidence: LogDestination;
  /** Where Config delivers, unless Config is adopted or off. */
  public readonly configDestination?: LogDestination;
  /** The Config bucket, when this plumbing created it. */
  public readonly configBucket?: ConfigBucket;
  /** The multi-region trail and its alarms. */
  public readonly trail: Trail;
  /** The deny-all instance profile for identity isolation. */
  public readonly quarantineProfile: QuarantineInstanceProfile;
  /** The forensic workstation's instance profile. */
  public readonly forensicProfile: ForensicInstanceProfile;
  /** The plumbing of each region, by region name. */
  public readonly regions: Readonly<Record<string, RegionalPlumbing>>;
  /** The region that holds the account-wide parts. */
  public readonly homeRegion: string;
  /** The scheduled scan, when it is on. */
  public readonly scheduledScan?: ScheduledScan;
  /** The forensic AMI pipeline, when `forensicAmi` is given. */
  public readonly forensicAmiPipeline?: ForensicAmiPipeline;
  /** The forensic workstation's launch template, when `forensicAmi` is given. */
  public readonly forensicWorkstationTemplate?: ForensicWorkstationTemplate;

  constructor(scope: Construct, id: string, props: IncidentResponsePlumbingProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('IncidentResponsePlumbing', namePrefix);
    this.homeRegion = checkRegions(props);
    if (props.evidence && props.evidenceDestination) {
      throw new InvalidPropError(
        'IncidentResponsePlumbing',
        'evidence',
        props.evidence,
        'must be left out when evidenceDestination is given: the bucket already exists',
      );
    }
    const { guardDutyMode, configMode } = checkServiceModes(props);
    const home = props.regions.find(
      (region) => region.region === this.homeRegion,
    ) as PlumbingRegion;
    const provider = home.provider;

    const regionNames = props.regions.map((region) => region.region);
    const findingsRegions = guardDutyMode === 'off' ? [] : regionNames;
    if (props.evidenceDestination) {
      if (props.automaticResponse && !props.evidenceDestination.accountId) {
        throw new InvalidPropError(
          'IncidentResponsePlumbing',
          'evidenceDestination',
          props.evidenceDestination.bucketName,
          "must name its owner (accountId) when automaticResponse is on: responders file there under this account's prefix and require that owner",
        );
      }
      this.evidence = props.evidenceDestination;
      this.responseEvidence = props.evidenceDestination;
    } else {
      this.evidenceBucket = new EvidenceBucket(this, 'evidence', {
        ...props.evidence,
        findingsRegions,
        preventDestroy: props.preventDestroy,
        provider,
      });
      this.evidence = this.evidenceBucket;
      this.responseEvidence = this.evidenceBucket;
    }
    if (configMode === 'create') {
      if (props.configDestination) {
        this.configDestination = props.configDestination;
      } else {
        this.configBucket = new ConfigBucket(this, 'config-bucket', {
          deliveryAccountIds: props.evidence?.deliveryAccountIds,
          preventDestroy: props.preventDestroy,
          provider,
        });
        this.configDestination = this.configBucket;
      }
    }
    this.trail = new Trail(this, 'trail', {
      ...props.trail,
      preventDestroy: props.preventDestroy,
      destination: this.evidence,
      namePrefix,
      provider,
    });
    this.quarantineProfile = new QuarantineInstanceProfile(this, 'quarantine-profile', {
      namePrefix,
      provider,
    });
    this.forensicProfile = new ForensicInstanceProfile(this, 'forensic-profile', {
      ...props.forensicWorkstation,
      evidenceBucketArn: this.evidence.bucketArn,
      evidenceKmsKeyArn: this.evidence.kmsKeyArn,
      namePrefix,
      provider,
    });

    // The home region goes first so that its Config role exists for the other regions.
    const ordered = [home, ...props.regions.filter((region) => region !== home)];
    const regions: Record<string, RegionalPlumbing> = {};
    const notificationTopic: NotificationTopic = {
      topicArn: this.trail.alarmTopicArn,
      kmsKeyArn: this.trail.alarmKeyArn,
    };
    const roles: { responders?: ResponderRoles; remediation?: ConfigRemediationRoles } = {};
    let homeDeadLetterQueueArn: string | undefined;
    let configRoleArn: string | undefined;
    for (const region of ordered) {
      const regionScope = new Construct(this, region.region);
      const guardDuty =
        guardDutyMode === 'off'
          ? undefined
          : new GuardDutyDetector(regionScope, 'guardduty', {
              adopt: guardDutyMode === 'adopt',
              protections: props.guardDuty?.protections,
              manageProtections: props.guardDuty?.manageProtections,
              findingPublishingFrequency: props.guardDuty?.findingPublishingFrequency,
              findingsExport: props.guardDuty?.exportFindings === false ? undefined : this.evidence,
              provider: region.provider,
            });
      let configRecorderName: string | undefined =
        configMode === 'adopt' ? (props.config?.recorderName ?? 'default') : undefined;
      let recording: ITerraformDependable | undefined;
      if (configMode === 'create' && this.configDestination) {
        const recorder = new ConfigRecorder(regionScope, 'config', {
          snapshotDeliveryFrequency: props.config?.snapshotDeliveryFrequency,
          destination: this.configDestination,
          roleArn: configRoleArn,
          recordGlobalResources: region === home,
          namePrefix,
          provider: region.provider,
        });
        configRoleArn = recorder.roleArn;
        configRecorderName = recorder.recorderName;
        recording = recorder.recording;
      }
      const vpcs: Record<string, VpcPlumbing> = {};
      const vpcsScope = new Construct(regionScope, 'vpcs');
      for (const vpc of region.vpcs ?? []) {
        const name = vpc.name ?? vpc.vpcId;
        vpcs[name] = this.vpcPlumbing(
          new Construct(vpcsScope, name),
          vpc,
          namePrefix,
          props,
          region.provider,
        );
      }
      let automaticResponse: RegionalResponse | undefined;
      if (props.automaticResponse) {
        // CloudWatch alarms notify topics of their own region only.
        const alarmTopicArn =
          region === home
            ? this.trail.alarmTopicArn
            : new AlarmTopic(regionScope, 'alarm-topic', {
                emailAddresses: props.trail?.alarmEmailAddresses,
                namePrefix,
                provider: region.provider,
              }).topicArn;
        automaticResponse = this.automaticResponse(regionScope, {
          options: props.automaticResponse,
          evidence: this.responseEvidence,
          ...(props.evidenceDestination?.accountId
            ? { evidenceOwnerAccountId: props.evidenceDestination.accountId }
            : {}),
          runtime: props.lambdaRuntime,
          isHome: region === home,
          alarmTopicArn,
          notificationTopic,
          roles,
          recording,
          namePrefix,
          provider: region.provider,
        });
        if (region === home) homeDeadLetterQueueArn = automaticResponse.deadLetterQueueArn;
      }
      regions[region.region] = {
        ...(guardDuty ? { guardDutyDetectorId: guardDuty.detectorId } : {}),
        configRecorderName,
        vpcs,
        ...(automaticResponse ? { automaticResponse } : {}),
      };
    }
    this.regions = regions;

    if (props.forensicAmi) {
      const { vpc, subnetId, workstationInstanceType, buildSecurityGroupIds, ...pipelineOptions } =
        props.forensicAmi;
      const homeVpcs = regions[this.homeRegion]?.vpcs ?? {};
      const forensicGroupId = homeVpcs[vpc]?.forensicGroupId;
      if (!forensicGroupId) {
        throw new InvalidPropError(
          'IncidentResponsePlumbing',
          'forensicAmi.vpc',
          vpc,
          `must name a VPC of the home region ${this.homeRegion} (${Object.keys(homeVpcs).join(', ') || 'it has none'})`,
        );
      }
      const placement = { subnetId, securityGroupIds: [forensicGroupId], namePrefix, provider };
      this.forensicAmiPipeline = new ForensicAmiPipeline(this, 'forensic-ami', {
        ...pipelineOptions,
        ...placement,
        securityGroupIds: buildSecurityGroupIds ?? placement.securityGroupIds,
      });
      this.forensicWorkstationTemplate = new ForensicWorkstationTemplate(
        this,
        'forensic-workstation-template',
        {
          ...placement,
          instanceProfileArn: this.forensicProfile.instanceProfileArn,
          amiParameterName: this.forensicAmiPipeline.amiParameterName,
          amiParameter: this.forensicAmiPipeline.amiParameter,
          kmsKeyArn: pipelineOptions.kmsKeyArn,
          instanceType: workstationInstanceType,
        },
      );
    }

    if (props.scheduledScan) {
      this.scheduledScan = new ScheduledScan(this, 'scheduled-scan', {
        ...props.scheduledScan,
        reportBucket: this.responseEvidence,
        ...(props.evidenceDestination?.accountId
          ? { reportBucketOwnerAccountId: props.evidenceDestination.accountId }
          : {}),
        ...(this.forensicAmiPipeline
          ? { forensicAmiParameterName: this.forensicAmiPipeline.amiParameterName }
          : {}),
        // Responders deployed without enforce are a dry run the operator chose.
        respondersDeclaredDryRun:
          props.automaticResponse !== undefined && props.automaticResponse.enforce !== true,
        runtime: props.lambdaRuntime,
        alarmTopicArn: this.trail.alarmTopicArn,
        notificationTopic,
        ...(homeDeadLetterQueueArn ? { deadLetterQueueArn: homeDeadLetterQueueArn } : {}),
        namePrefix,
        provider,
      });
    }
  }

  /** The responder functions of one region and their GuardDuty and Config triggers. */
  private automaticResponse(
    scope: Construct,
    context: {
      readonly options: AutomaticResponseOptions;
      readonly evidence: LogDestination;
      readonly evidenceOwnerAccountId?: string;
      readonly runtime?: LambdaRuntime;
      readonly isHome: boolean;
      readonly alarmTopicArn: string;
      readonly notificationTopic: NotificationTopic;
      readonly roles: { responders?: ResponderRoles; remediation?: ConfigRemediationRoles };
      readonly recording?: ITerraformDependable;
      readonly namePrefix: string;
      readonly provider?: TerraformProvider;
    },
  ): RegionalResponse {
    const { options, roles, namePrefix, provider } = context;
    const responders = new ResponderFunctions(scope, 'responders', {
      evidence: context.evidence,
      ...(context.evidenceOwnerAccountId
        ? { evidenceOwnerAccountId: context.evidenceOwnerAccountId }
        : {}),
      runtime: context.runtime,
      reservedConcurrency: options.reservedConcurrency,
      quarantineProfile: this.quarantineProfile,
      alarmTopicArn: context.alarmTopicArn,
      notificationTopic: context.notificationTopic,
      enforce: options.enforce,
      ...(roles.responders ? { roles: roles.responders } : {}),
      namePrefix,
      provider,
    });
    roles.responders = responders.roles;
    const functions = [
      responders.isolation.guardDuty,
      responders.isolation.configRemediation,
      responders.revocation.guardDuty,
      responders.revocation.configRemediation,
    ];
    if (options.guardDuty !== false) {
      // A GuardDuty administrator account receives its members' findings too; its responders
      // act with this account's credentials, so they take this account's findings only.
      new GuardDutyResponse(scope, 'guardduty-response', {
        ...options.guardDuty,
        accountId: new AwsContext(scope, 'context', provider).accountId,
        isolationFunction: responders.isolation.guardDuty,
        revocationFunction: responders.revocation.guardDuty,
        namePrefix,
        provider,
      });
    }
    let configRuleNames: string[] = [];
    if (options.configRemediation !== false) {
      const remediation = new ConfigRemediation(scope, 'config-remediation', {
        ...options.configRemediation,
        runtime: context.runtime,
        isolationFunction: responders.isolation.configRemediation,
        ...(context.isHome ? { revocationFunction: responders.revocation.configRemediation } : {}),
        alarmTopicArn: context.alarmTopicArn,
        deadLetterQueueArn: responders.deadLetterQueueArn,
        ...(roles.remediation ? { roles: roles.remediation } : {}),
        ...(context.recording ? { recorder: [context.recording] } : {}),
        namePrefix,
        provider,
      });
      roles.remediation = remediation.roles;
      configRuleNames = remediation.ruleNames;
    }
    return {
      functionNames: functions.map((fn) => fn.functionName),
      configRuleNames,
      deadLetterQueueArn: responders.deadLetterQueueArn,
    };
  }

  private vpcPlumbing(
    scope: Construct,
    vpc: PlumbingVpc,
    namePrefix: string,
    props: IncidentResponsePlumbingProps,
    provider?: TerraformProvider,
  ): VpcPlumbing {
    const isolation = new IsolationSecurityGroups(scope, 'isolation', {
      vpcId: vpc.vpcId,
      memoryCapture: vpc.memoryCapture,
      namePrefix,
      provider,
    });
    const forensic = new ForensicSecurityGroup(scope, 'forensic', {
      ...props.forensicSecurityGroup,
      vpcId: vpc.vpcId,
      namePrefix,
      provider,
    });
    const flowLogs = new FlowLogs(scope, 'flow-logs', {
      ...props.flowLogs,
      vpcId: vpc.vpcId,
      destination: this.evidence,
      provider,
    });
    return {
      vpcId: vpc.vpcId,
      isolationGroupId: isolation.isolationGroupId,
      untrackGroupId: isolation.untrackGroupId,
      memoryCaptureGroupId: isolation.memoryCaptureGroupId,
      forensicGroupId: forensic.groupId,
      flowLogId: flowLogs.flowLogId,
    };
  }
}

/** Validates the GuardDuty and Config modes against the options that need them. */
function checkServiceModes(props: IncidentResponsePlumbingProps): {
  guardDutyMode: ServiceMode;
  configMode: ServiceMode;
} {
  const owner = 'IncidentResponsePlumbing';
  const guardDutyMode = props.guardDuty?.mode ?? 'create';
  const configMode = props.config?.mode ?? 'create';
  checkOneOf(owner, 'guardDuty.mode', guardDutyMode, SERVICE_MODES);
  checkOneOf(owner, 'config.mode', configMode, SERVICE_MODES);
  if (guardDutyMode !== 'create') {
    for (const prop of [
      'protections',
      'manageProtections',
      'findingPublishingFrequency',
    ] as const) {
      if (props.guardDuty?.[prop] !== undefined) {
        throw new InvalidPropError(
          owner,
          `guardDuty.${prop}`,
          props.guardDuty[prop],
          `must be left out when guardDuty.mode is ${guardDutyMode}: only a detector this stack creates is configured by it`,
        );
      }
    }
  }
  if (guardDutyMode === 'off' && props.guardDuty?.exportFindings === true) {
    throw new InvalidPropError(
      owner,
      'guardDuty.exportFindings',
      true,
      "must be left out when guardDuty.mode is off: there is no detector to export from; use 'adopt' to export an existing detector's findings",
    );
  }
  if (props.config?.recorderName !== undefined) {
    if (configMode !== 'adopt') {
      throw new InvalidPropError(
        owner,
        'config.recorderName',
        props.config.recorderName,
        "must be left out unless config.mode is 'adopt': it names the existing recorder",
      );
    }
    checkPattern(
      owner,
      'config.recorderName',
      props.config.recorderName,
      /^[\w.-]{1,256}$/,
      'a Config recorder name',
    );
  }
  if (configMode !== 'create') {
    if (props.config?.snapshotDeliveryFrequency !== undefined || props.configDestination) {
      throw new InvalidPropError(
        owner,
        props.configDestination ? 'configDestination' : 'config.snapshotDeliveryFrequency',
        props.configDestination ? 'a Config bucket' : props.config?.snapshotDeliveryFrequency,
        `must be left out when config.mode is ${configMode}: the delivery channel belongs to the recorder's owner`,
      );
    }
  }
  if (
    configMode === 'off' &&
    props.automaticResponse &&
    props.automaticResponse.configRemediation !== false
  ) {
    throw new InvalidPropError(
      owner,
      'automaticResponse.configRemediation',
      props.automaticResponse.configRemediation ?? 'the default rules',
      "needs a Config recorder: set config.mode to 'create' or 'adopt', or configRemediation to false",
    );
  }
  return { guardDutyMode, configMode };
}

/** Validates the regions and returns the home region. */
function checkRegions(props: IncidentResponsePlumbingProps): string {
  const owner = 'IncidentResponsePlumbing';
  const names = props.regions.map((region) => region.region);
  const [first] = names;
  if (first === undefined)
    throw new InvalidPropError(owner, 'regions', names, 'must list at least one region');
  for (const name of names)
    checkPattern(owner, 'regions', name, REGION_NAME, 'a list of region names such as eu-west-1');
  if (new Set(names).size !== names.length)
    throw new InvalidPropError(owner, 'regions', names, 'must list each region once');
  const homeRegion = props.homeRegion ?? first;
  if (!names.includes(homeRegion)) {
    throw new InvalidPropError(
      owner,
      'homeRegion',
      homeRegion,
      `must be one of the regions (${names.join(', ')})`,
    );
  }
  const onDefaultProvider = props.regions
    .filter((region) => !region.provider)
    .map((region) => region.region);
  if (onDefaultProvider.length > 1) {
    throw new InvalidPropError(
      owner,
      'regions',
      onDefaultProvider,
      'must give a provider for every region but one: these would all deploy to the default provider',
    );
  }
  for (const region of props.regions) {
    const vpcNames = (region.vpcs ?? []).map((vpc) => {
      if (vpc.name === undefined && Token.isUnresolved(vpc.vpcId)) {
        throw new InvalidPropError(
          owner,
          `vpcs of ${region.region}`,
          'a VPC id resolved at deploy time',
          'must give a name to each VPC whose id is not known at synth time',
        );
      }
      const name = vpc.name ?? vpc.vpcId;
      checkPattern(
        owner,
        `vpcs of ${region.region}`,
        name,
        VPC_NAME,
        'named with lowercase letters, digits and hyphens',
      );
      return name;
    });
    if (new Set(vpcNames).size !== vpcNames.length) {
      throw new InvalidPropError(
        owner,
        `vpcs of ${region.region}`,
        vpcNames,
        'must name each VPC once',
      );
    }
  }
  return homeRegion;
}
