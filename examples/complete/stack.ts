import { LocalBackend, TerraformOutput, TerraformStack, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import {
  IncidentResponsePlumbing,
  type PlumbingForensicAmi,
  type PlumbingRegion,
  type PlumbingVpc,
} from '../../modules/incident-response-plumbing/incident-response-plumbing';
import { plumbingProvider } from '../../modules/shared/aws-provider';

/** A region of the complete example and the VPCs whose plumbing it gets. */
export interface CompleteRegion {
  /** Region name, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Ids of the VPCs that get isolation and forensic groups and flow logs.
   *
   * @default - none
   */
  readonly vpcIds?: string[];
  /**
   * VPCs found at plan time by their `Name` tag (data source `aws_vpc`), so that the stack needs
   * no VPC ids; each name (lowercase letters, digits, hyphens) also names the VPC's plumbing.
   * CIS-hardened accounts have no default VPC: name the VPCs that run workloads.
   *
   * @default - none
   */
  readonly vpcNames?: string[];
  /**
   * Whether the region's default VPC gets them too, looked up at plan time. The plan fails in a
   * region without one.
   *
   * @default false
   */
  readonly defaultVpc?: boolean;
}

/** Where and how an example stack deploys; the same for every example. */
export interface DeploymentOptions {
  /**
   * Id of the account the stack deploys to: every provider gets it as `allowed_account_ids`, so
   * credentials of another account stop the plan before anything changes.
   *
   * @default - any account (set it for a real deployment)
   */
  readonly accountId?: string;
  /**
   * Endpoint of an AWS emulator (moto_server) to deploy to instead of AWS. The resources the
   * emulator cannot create ({@link EMULATOR_GAPS}) are left out.
   *
   * @default - AWS
   */
  readonly emulatorEndpoint?: string;
  /**
   * Whether Terraform refuses to destroy the evidence store. Tests that destroy set it to false.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Path of the local Terraform state file.
   *
   * @default - `terraform.<stack name>.tfstate` in the project folder
   */
  readonly localStatePath?: string;
}

/** Options of the {@link CompleteStack}. */
export interface CompleteStackOptions extends DeploymentOptions {
  /** Regions to deploy to; the first is the home region. */
  readonly regions: CompleteRegion[];
  /**
   * Email addresses subscribed to the security alarm topic and told of forensic AMI builds.
   *
   * @default - none, and synth warns: CIS 4.x wants every alarm to reach someone
   */
  readonly alarmEmailAddresses?: string[];
  /**
   * The forensic AMI pipeline and workstation template, in a VPC of the home region. Left out on
   * an emulator: moto has no Image Builder (see {@link EMULATOR_GAPS}).
   *
   * @default - neither
   */
  readonly forensicAmi?: PlumbingForensicAmi;
}

/** A resource type the stack leaves out on an emulator, and why. */
export interface EmulatorGap {
  /** Terraform resource type. */
  readonly resource: string;
  /** What the emulator lacks. */
  readonly reason: string;
}

/** What moto 5.2.1 cannot create, which the stack leaves out when it deploys to an emulator. */
export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    resource: 'aws_guardduty_publishing_destination',
    reason: 'moto 5.2.1 does not implement CreatePublishingDestination (GuardDuty findings export)',
  },
  ...[
    'component',
    'image_recipe',
    'infrastructure_configuration',
    'distribution_configuration',
    'image_pipeline',
    'lifecycle_policy',
  ].map((part) => ({
    resource: `aws_imagebuilder_${part}`,
    reason: 'moto 5.2.1 has no Image Builder backend: every imagebuilder call answers HTTP 500',
  })),
  {
    resource: 'aws_guardduty_detector_feature',
    reason:
      'moto 5.2.1 UpdateDetector replaces the whole feature list instead of merging it, so each feature erases the others and the plan never settles',
  },
  {
    resource: 'aws_config_remediation_configuration',
    reason: 'moto 5.2.1 does not implement PutRemediationConfigurations (Config remediation)',
  },
];

/**
 * What a real account gets: the complete incident-response plumbing in every region given,
 * with the default provider in the home region and a provider alias per other region.
 */
export class CompleteStack extends TerraformStack {
  /** The plumbing, for outputs and for further constructs. */
  public readonly plumbing: IncidentResponsePlumbing;

  constructor(scope: Construct, id: string, options: CompleteStackOptions) {
    super(scope, id);
    if (options.localStatePath) new LocalBackend(this, { path: options.localStatePath });
    const emulatorEndpoint = options.emulatorEndpoint;
    const regions = options.regions.map((target, index): PlumbingRegion => {
      const provider = plumbingProvider(this, index === 0 ? 'aws' : `aws-${target.region}`, {
        region: target.region,
        alias: index === 0 ? undefined : target.region,
        allowedAccountIds: options.accountId ? [options.accountId] : undefined,
        emulatorEndpoint,
      });
      return {
        region: target.region,
        provider: index === 0 ? undefined : provider,
        vpcs: regionVpcs(this, target, provider),
      };
    });

    this.plumbing = new IncidentResponsePlumbing(this, 'plumbing', {
      regions,
      trail: { alarmEmailAddresses: options.alarmEmailAddresses },
      // See EMULATOR_GAPS.
      guardDuty: emulatorEndpoint ? { manageProtections: false, exportFindings: false } : undefined,
      // Dry run until the notices look right; then enforce: true.
      automaticResponse: {
        enforce: false,
        ...(emulatorEndpoint ? { configRemediation: { remediate: false } } : {}),
      },
      scheduledScan: { schedule: 'cron(0 3 * * ? *)' },
      forensicWorkstation: options.forensicAmi ? { ssmManaged: true } : undefined,
      forensicAmi:
        emulatorEndpoint || !options.forensicAmi
          ? undefined
          : { notificationEmailAddresses: options.alarmEmailAddresses, ...options.forensicAmi },
      preventDestroy: options.preventDestroy,
    });
    plumbingOutputs(this, this.plumbing);
  }
}

/**
 * The VPCs of a region: those listed by id, those found by their Name tag, and its default VPC
 * when asked, the last two looked up at plan time.
 */
export function regionVpcs(
  scope: Construct,
  target: CompleteRegion,
  provider: TerraformProvider,
): PlumbingVpc[] {
  const vpcs: PlumbingVpc[] = (target.vpcIds ?? []).map((vpcId) => ({ vpcId }));
  for (const name of target.vpcNames ?? []) {
    const found = new DataAwsVpc(scope, `vpc-${provider.alias ?? target.region}-${name}`, {
      provider,
      tags: { Name: name },
    });
    vpcs.push({ vpcId: found.id, name });
  }
  if (target.defaultVpc) {
    const defaultVpc = new DataAwsVpc(scope, `default-vpc-${provider.alias ?? target.region}`, {
      provider,
      default: true,
    });
    vpcs.push({ vpcId: defaultVpc.id, name: 'default' });
  }
  return vpcs;
}

/** Outputs responders and operators read after a deploy. */
export function plumbingOutputs(scope: Construct, plumbing: IncidentResponsePlumbing): void {
  const outputs: Record<string, string> = {
    evidence_bucket_name: plumbing.evidence.bucketName,
    evidence_bucket_arn: plumbing.evidence.bucketArn,
    evidence_kms_key_arn: plumbing.evidence.kmsKeyArn,
    trail_arn: plumbing.trail.trailArn,
    alarm_topic_arn: plumbing.trail.alarmTopicArn,
    quarantine_instance_profile_arn: plumbing.quarantineProfile.instanceProfileArn,
    quarantine_role_arn: plumbing.quarantineProfile.roleArn,
    forensic_instance_profile_arn: plumbing.forensicProfile.instanceProfileArn,
  };
  if (plumbing.forensicAmiPipeline) {
    outputs.forensic_ami_pipeline_arn = plumbing.forensicAmiPipeline.pipelineArn;
    outputs.forensic_ami_parameter_name = plumbing.forensicAmiPipeline.amiParameterName;
  }
  if (plumbing.forensicWorkstationTemplate)
    outputs.forensic_workstation_launch_template_id =
      plumbing.forensicWorkstationTemplate.launchTemplateId;
  for (const [name, value] of Object.entries(outputs)) new TerraformOutput(scope, name, { value });
  new TerraformOutput(scope, 'regions', { value: plumbing.regions });
}
