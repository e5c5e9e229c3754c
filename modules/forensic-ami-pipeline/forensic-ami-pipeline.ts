import { createHash } from 'node:crypto';
import { Op, Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ImagebuilderComponent } from '@cdktf/provider-aws/lib/imagebuilder-component';
import { ImagebuilderDistributionConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-distribution-configuration';
import { ImagebuilderImagePipeline } from '@cdktf/provider-aws/lib/imagebuilder-image-pipeline';
import { ImagebuilderImageRecipe } from '@cdktf/provider-aws/lib/imagebuilder-image-recipe';
import { ImagebuilderInfrastructureConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-infrastructure-configuration';
import { ImagebuilderLifecyclePolicy } from '@cdktf/provider-aws/lib/imagebuilder-lifecycle-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import { AwsContext } from '../shared/aws-context';
import { accountAdministersKey } from '../shared/key-policy';
import {
  policyDocument,
  serviceTrustPolicy,
  type PolicyStatement,
} from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import {
  checkEmailAddresses,
  checkNamePrefix,
  checkOneOf,
  checkPattern,
  checkResourceId,
  checkWholeNumber,
  InvalidPropError,
} from '../shared/validation';
import { componentYaml, forensicToolsComponent } from './component-document';
import {
  resolveForensicTools,
  toolSummary,
  type ForensicToolPins,
  type ResolvedTools,
} from './forensic-tools';

/** When the weekly schedule starts a build. */
export type PipelineStartCondition =
  'EXPRESSION_MATCH_ONLY' | 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE';

/** Where the build instance writes its logs. */
export interface BuildLogDestination {
  /** Name of the bucket. Not the evidence bucket: Object Lock refuses uploads without a checksum header. */
  readonly bucketName: string;

  /**
   * Key prefix of the logs.
   *
   * @default 'forensic-ami-builds'
   */
  readonly prefix?: string;

  /**
   * ARN of the KMS key that encrypts the bucket, when it is a customer managed key.
   *
   * @default - the bucket uses S3-managed or AWS-managed encryption
   */
  readonly kmsKeyArn?: string;
}

/** Properties of a {@link ForensicAmiPipeline}. */
export interface ForensicAmiPipelineProps {
  /**
   * Subnet the build and test instances run in. It must not assign public addresses (the plan
   * checks `map_public_ip_on_launch`) and must reach the tool downloads over HTTPS: a private
   * subnet with a NAT gateway, or endpoints plus mirrors given in the tool pins' `url`.
   */
  readonly subnetId: string;

  /**
   * Security groups of the build and test instances, in the subnet's VPC. The forensic security
   * group fits: the build needs HTTPS out only (package repositories, release downloads, the
   * Systems Manager endpoints) and no inbound rule at all, since Image Builder drives the
   * instance through the SSM agent.
   */
  readonly securityGroupIds: string[];

  /** Versions and SHA-256 checksums of the tools the image gets. */
  readonly tools: ForensicToolPins;

  /**
   * SSM parameter that every build updates with the new AMI id (data type `aws:ec2:image`);
   * launch templates read it with `resolve:ssm:<name>`. The stack creates it, seeded with the
   * parent image's AMI, because EC2 refuses a launch template whose parameter does not exist
   * yet; its value then belongs to the pipeline (Terraform ignores changes to it).
   *
   * @default '/<namePrefix>/forensic-ami/latest'
   */
  readonly amiParameterName?: string;

  /**
   * Parent image: an Image Builder image ARN, an AMI id, or `ssm:<parameter>`.
   *
   * @default - the AWS-managed Amazon Linux 2023 x86_64 image, latest version (`.../amazon-linux-2023-x86/x.x.x`)
   */
  readonly parentImage?: string;

  /**
   * Instance types of the build and test instances; x86_64 only (AVML's binary and the parent
   * image are x86_64). The test captures the instance's memory onto its root volume.
   *
   * @default ['t3.large']
   */
  readonly instanceTypes?: string[];

  /**
   * Size of the image's root volume in GiB; it must hold a memory image of the test instance.
   *
   * @default 30
   */
  readonly rootVolumeSizeGiB?: number;

  /**
   * KMS key that encrypts the image's root volume and AMI snapshots. A customer managed key
   * must let the Image Builder service-linked role and the workstation's users use it.
   *
   * @default - the account's AWS-managed EBS key (aws/ebs)
   */
  readonly kmsKeyArn?: string;

  /**
   * When the pipeline runs, as an Image Builder cron expression (six fields, UTC).
   *
   * @default 'cron(0 4 ? * SUN *)' - every Sunday at 04:00 UTC
   */
  readonly schedule?: string;

  /**
   * `EXPRESSION_MATCH_ONLY` builds at every scheduled time, so the weekly image carries that
   * week's operating system updates (the recipe applies them); `EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE`
   * builds only when the parent image or a component has a new version.
   *
   * @default 'EXPRESSION_MATCH_ONLY'
   */
  readonly startCondition?: PipelineStartCondition;

  /**
   * Bucket for the build and test logs.
   *
   * @default - logs stay in CloudWatch Logs and the Image Builder console only
   */
  readonly logs?: BuildLogDestination;

  /**
   * Email addresses told when a build ends (AVAILABLE or FAILED), through the pipeline's own
   * encrypted SNS topic. Each must confirm its subscription.
   *
   * @default - none: subscribe to {@link ForensicAmiPipeline.notificationTopicArn}
   */
  readonly notificationEmailAddresses?: string[];

  /**
   * How many of the newest forensic AMIs the lifecycle policy keeps; older ones are
   * deregistered with their snapshots, so weekly builds do not pile up snapshot charges.
   *
   * @default 4
   */
  readonly keepImages?: number;

  /**
   * Start of every name, `<prefix>-forensic-ami`, `<prefix>-forensic-tools`, ...
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region and account the image is built in.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * Public SSM parameter of the latest Amazon Linux 2023 x86_64 AMI, the default parent image: the
 * AMI parameter is seeded with it until the first build replaces it.
 */
export const AL2023_AMI_PARAMETER =
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** An EC2 instance type such as `t3.large`. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/** Graviton families carry a `g` after the generation digit: m7g, c6gn, t4g, r8gd. */
const ARM_FAMILY = /^[a-z]+\d+[a-z-]*g[a-z-]*\./;
const CRON = /^cron\(\S+( \S+){5}\)$/;
/** An SSM parameter path; names starting with `aws` or `ssm` are reserved. */
export const SSM_PARAMETER_NAME = /^\/(?!aws|ssm)[A-Za-z0-9_.\-/]{1,1010}$/i;
const PARENT_IMAGE =
  /^(arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(aws|\d{12}):image\/[a-z0-9-]+\/[0-9x]+\.[0-9x]+\.[0-9x]+(\/\d+)?|ami-[0-9a-f]{8,17}|ssm:\S+)$/;
/** A KMS key or alias ARN in any partition. */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()/-]{1,512}$/;

/**
 * A version Image Builder accepts (each number below 2^30) that changes whenever `content`
 * changes. Components and recipes are immutable per name and version, so a changed document
 * must come with a new version; with create-before-destroy, Terraform then creates the new
 * version, points the pipeline at it and deletes the old one.
 */
function contentVersion(content: string): string {
  return `1.0.${Number.parseInt(createHash('sha256').update(content).digest('hex').slice(0, 7), 16)}`;
}

/** A value for a content hash: deploy-time references are not known yet and hash alike. */
function known(value: string | undefined): string {
  return value === undefined ? 'default' : Token.isUnresolved(value) ? 'deploy-time value' : value;
}

/**
 * An EC2 Image Builder pipeline that builds the forensic workstation AMI every week: Amazon
 * Linux 2023 with the operating system updates of the day, AVML, Volatility 3, The Sleuth Kit,
 * ewf-tools, dc3dd and YARA, each download verified by SHA-256 before it is used, each tool's
 * version checked, and every tool exercised on a test instance before the AMI is published.
 * The AMI id goes to an SSM parameter that {@link ForensicWorkstationTemplate} launches from.
 */
export class ForensicAmiPipeline extends Construct {
  /** ARN of the image pipeline, for `aws imagebuilder start-image-pipeline-execution`. */
  public readonly pipelineArn: string;
  /** Name of the SSM parameter holding the latest AMI id. */
  public readonly amiParameterName: string;
  /** ARN of the tools component (its version changes with its content). */
  public readonly componentArn: string;
  /** ARN of the image recipe. */
  public readonly imageRecipeArn: string;
  /** ARN of the infrastructure configuration. */
  public readonly infrastructureConfigurationArn: string;
  /** ARN of the distribution configuration. */
  public readonly distributionConfigurationArn: string;
  /** ARN of the role of the build and test instances. */
  public readonly buildRoleArn: string;
  /** The AMI parameter: launch templates that resolve it must wait for it. */
  public readonly amiParameter: SsmParameter;
  /** ARN of the SNS topic told when a build is AVAILABLE or FAILED. */
  public readonly notificationTopicArn: string;
  /** The tools and versions the image gets. */
  public readonly tools: ResolvedTools;

  constructor(scope: Construct, id: string, props: ForensicAmiPipelineProps) {
    super(scope, id);
    const owner = 'ForensicAmiPipeline';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix(owner, namePrefix);
    checkPlacement(owner, props.subnetId, props.securityGroupIds);
    const instanceTypes = props.instanceTypes ?? ['t3.large'];
    checkInstanceTypes(owner, instanceTypes);
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? 30;
    checkWholeNumber(owner, 'rootVolumeSizeGiB', rootVolumeSizeGiB, 16, 16384);
    if (props.kmsKeyArn !== undefined)
      checkPattern(owner, 'kmsKeyArn', props.kmsKeyArn, KMS_KEY_ARN, 'a KMS key or alias ARN');
    const schedule = props.schedule ?? 'cron(0 4 ? * SUN *)';
    checkPattern(
      owner,
      'schedule',
      schedule,
      CRON,
      'an Image Builder cron expression with six fields, such as cron(0 4 ? * SUN *)',
    );
    const startCondition = props.startCondition ?? 'EXPRESSION_MATCH_ONLY';
    checkOneOf<PipelineStartCondition>(owner, 'startCondition', startCondition, [
      'EXPRESSION_MATCH_ONLY',
      'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
    ]);
    const amiParameterName = props.amiParameterName ?? `/${namePrefix}/forensic-ami/latest`;
    checkPattern(
      owner,
      'amiParameterName',
      amiParameterName,
      SSM_PARAMETER_NAME,
      "an SSM parameter path such as /pyjamas/forensic-ami/latest, not starting with 'aws' or 'ssm'",
    );
    if (props.parentImage !== undefined) {
      checkPattern(
        owner,
        'parentImage',
        props.parentImage,
        PARENT_IMAGE,
        'an Image Builder image ARN, an AMI id or ssm:<parameter name>',
      );
    }
    if (props.logs) checkLogs(owner, props.logs);
    checkEmailAddresses(
      owner,
      'notificationEmailAddresses',
      props.notificationEmailAddresses ?? [],
    );
    const keepImages = props.keepImages ?? 4;
    checkWholeNumber(owner, 'keepImages', keepImages, 1, 1000);
    this.tools = resolveForensicTools(owner, props.tools);

    const provider = props.provider;
    const context = new AwsContext(this, 'context', provider);
    const tags = plumbingTags(PLUMBING_COMPONENTS.forensicAmiPipeline);
    const name = `${namePrefix}-forensic-ami`;

    const role = new IamRole(this, 'build-role', {
      provider,
      name: `${namePrefix}-forensic-ami-build`,
      description: 'Pyjamas forensic AMI build and test instances (EC2 Image Builder)',
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
      tags,
    });
    for (const [policyId, policy] of [
      ['image-builder', 'EC2InstanceProfileForImageBuilder'],
      ['ssm-managed', 'AmazonSSMManagedInstanceCore'],
    ] as const) {
      new IamRolePolicyAttachment(this, `build-role-${policyId}`, {
        provider,
        role: role.name,
        policyArn: `arn:${context.partition}:iam::aws:policy/${policy}`,
      });
    }
    const logPrefix = props.logs?.prefix ?? 'forensic-ami-builds';
    if (props.logs) {
      new IamRolePolicy(this, 'build-logs', {
        provider,
        role: role.name,
        name: 'build-logs',
        policy: policyDocument(logStatements(context, props.logs, logPrefix)),
      });
    }
    const profile = new IamInstanceProfile(this, 'build-profile', {
      provider,
      name: `${namePrefix}-forensic-ami-build`,
      role: role.name,
      tags,
    });

    const document = componentYaml(
      forensicToolsComponent(`${namePrefix}-forensic-tools`, this.tools),
    );
    const component = new ImagebuilderComponent(this, 'tools-component', {
      provider,
      name: `${namePrefix}-forensic-tools`,
      description:
        'AVML, Volatility 3, The Sleuth Kit, ewf-tools, dc3dd and YARA, verified by SHA-256',
      changeDescription: toolSummary(this.tools),
      platform: 'Linux',
      version: contentVersion(document),
      data: document,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });

    const parentImage =
      props.parentImage ??
      `arn:${context.partition}:imagebuilder:${context.region}:aws:image/amazon-linux-2023-x86/x.x.x`;
    const recipe = new ImagebuilderImageRecipe(this, 'recipe', {
      provider,
      name: `${namePrefix}-forensic-workstation`,
      description: `Forensic workstation: Amazon Linux 2023, updated, with ${toolSummary(this.tools)}`,
      version: contentVersion(
        JSON.stringify([
          document,
          known(props.parentImage),
          rootVolumeSizeGiB,
          known(props.kmsKeyArn),
        ]),
      ),
      parentImage,
      component: [
        // AWS's own component applies the operating system updates of the day first.
        {
          componentArn: `arn:${context.partition}:imagebuilder:${context.region}:aws:component/update-linux/x.x.x`,
        },
        { componentArn: component.arn },
      ],
      blockDeviceMapping: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            encrypted: 'true',
            kmsKeyId: props.kmsKeyArn,
            volumeSize: rootVolumeSizeGiB,
            volumeType: 'gp3',
            deleteOnTermination: 'true',
          },
        },
      ],
      // The SSM agent stays: examiners reach the workstation through Session Manager.
      systemsManagerAgent: { uninstallAfterBuild: false },
      workingDirectory: '/var/tmp',
      tags,
      lifecycle: { createBeforeDestroy: true },
    });

    // Infrastructure configurations have no public-IP switch (provider 5.100.0): the build
    // instance gets a public address exactly when its subnet assigns one, so the plan refuses
    // a subnet that does.
    const subnet = new DataAwsSubnet(this, 'build-subnet', { provider, id: props.subnetId });
    const notifications = this.notificationTopic(
      context,
      `${namePrefix}-forensic-ami-builds`,
      props.notificationEmailAddresses ?? [],
      tags,
      provider,
    );
    this.notificationTopicArn = notifications.arn;
    const infrastructure = new ImagebuilderInfrastructureConfiguration(this, 'infrastructure', {
      provider,
      name,
      description:
        'Pyjamas forensic AMI builds: private subnet, IMDSv2 only, terminated on failure',
      instanceProfileName: profile.name,
      instanceTypes,
      subnetId: props.subnetId,
      securityGroupIds: props.securityGroupIds,
      terminateInstanceOnFailure: true,
      snsTopicArn: notifications.arn,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      logging: props.logs
        ? { s3Logs: { s3BucketName: props.logs.bucketName, s3KeyPrefix: logPrefix } }
        : undefined,
      resourceTags: tags,
      tags,
      lifecycle: {
        precondition: [
          {
            condition: Op.not(subnet.mapPublicIpOnLaunch),
            errorMessage: `${owner}: subnet ${props.subnetId} assigns public IP addresses on launch; choose a private subnet (with a NAT gateway or mirrors for the downloads)`,
          },
        ],
      },
    });

    this.amiParameter = new SsmParameter(this, 'ami-parameter', {
      provider,
      name: amiParameterName,
      description: 'Latest Pyjamas forensic workstation AMI; each Image Builder build updates it',
      type: 'String',
      dataType: 'aws:ec2:image',
      value: seedImage(this, props.parentImage, provider),
      tags,
      // The pipeline writes the value after every build; Terraform must not put the seed back.
      lifecycle: { ignoreChanges: ['value'] },
    });

    const distribution = new ImagebuilderDistributionConfiguration(this, 'distribution', {
      provider,
      name,
      description: `Publishes the forensic AMI id to ${amiParameterName}`,
      distribution: [
        {
          region: context.region,
          amiDistributionConfiguration: {
            name: `${namePrefix}-forensic-workstation-{{ imagebuilder:buildDate }}`,
            description: `Pyjamas forensic workstation: ${toolSummary(this.tools)}`,
            kmsKeyId: props.kmsKeyArn,
            amiTags: {
              ...plumbingTags(PLUMBING_COMPONENTS.forensicAmi),
              'pyjamas:forensic-tools': toolSummary(this.tools),
            },
          },
          // Each build updates the parameter the stack created to the new AMI id.
          ssmParameterConfiguration: [
            { parameterName: amiParameterName, dataType: 'aws:ec2:image' },
          ],
        },
      ],
      tags,
    });

    const pipeline = new ImagebuilderImagePipeline(this, 'pipeline', {
      provider,
      name,
      description: 'Weekly forensic workstation AMI',
      imageRecipeArn: recipe.arn,
      infrastructureConfigurationArn: infrastructure.arn,
      distributionConfigurationArn: distribution.arn,
      schedule: {
        scheduleExpression: schedule,
        pipelineExecutionStartCondition: startCondition,
        timezone: 'Etc/UTC',
      },
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 120 },
      enhancedImageMetadataEnabled: true,
      status: 'ENABLED',
      tags,
      dependsOn: [this.amiParameter],
    });
    this.lifecyclePolicy(context, name, keepImages, tags, provider);

    this.pipelineArn = pipeline.arn;
    this.amiParameterName = amiParameterName;
    this.componentArn = component.arn;
    this.imageRecipeArn = recipe.arn;
    this.infrastructureConfigurationArn = infrastructure.arn;
    this.distributionConfigurationArn = distribution.arn;
    this.buildRoleArn = role.arn;
  }

  /**
   * The topic Image Builder tells when a build is AVAILABLE or FAILED, encrypted with a key of
   * this account (Image Builder cannot use a key of another account) that the Image Builder
   * service-linked role may use. The grant names the role by condition, not as principal: the
   * role may not exist yet when the key is created, and KMS refuses a policy naming an unknown
   * principal.
   *
   * @see https://docs.aws.amazon.com/imagebuilder/latest/userguide/integ-sns.html
   */
  private notificationTopic(
    context: AwsContext,
    name: string,
    emailAddresses: readonly string[],
    tags: Record<string, string>,
    provider?: TerraformProvider,
  ): SnsTopic {
    const key = new KmsKey(this, 'notification-key', {
      provider,
      description: 'Pyjamas forensic AMI build notifications',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        accountAdministersKey(context),
        {
          Sid: 'ImageBuilderPublishes',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: {
            ArnEquals: {
              'aws:PrincipalArn': `arn:${context.partition}:iam::${context.accountId}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
            },
          },
        },
      ]),
      tags,
    });
    const topic = new SnsTopic(this, 'notifications', {
      provider,
      name,
      kmsMasterKeyId: key.arn,
      tags,
    });
    for (const address of emailAddresses) {
      new SnsTopicSubscription(this, `notification-email-${address}`, {
        provider,
        topicArn: topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    }
    return topic;
  }

  /**
   * Deregisters all but the newest `keepImages` forensic AMIs and deletes their snapshots. The
   * policy selects the images by the pipeline's component tag, which Image Builder puts on the
   * images the pipeline builds.
   *
   * @see https://docs.aws.amazon.com/imagebuilder/latest/userguide/image-lifecycle.html
   */
  private lifecyclePolicy(
    context: AwsContext,
    name: string,
    keepImages: number,
    tags: Record<string, string>,
    provider?: TerraformProvider,
  ): void {
    const role = new IamRole(this, 'lifecycle-role', {
      provider,
      name: `${name}-lifecycle`,
      description: 'Lets EC2 Image Builder deregister old forensic AMIs and delete their snapshots',
      assumeRolePolicy: serviceTrustPolicy('imagebuilder.amazonaws.com'),
      tags,
    });
    const attachment = new IamRolePolicyAttachment(this, 'lifecycle-role-policy', {
      provider,
      role: role.name,
      policyArn: `arn:${context.partition}:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy`,
    });
    new ImagebuilderLifecyclePolicy(this, 'lifecycle-policy', {
      provider,
      name,
      description: `Keeps the ${keepImages} newest forensic AMIs`,
      executionRole: role.arn,
      resourceType: 'AMI_IMAGE',
      policyDetail: [
        {
          action: [{ type: 'DELETE', includeResources: [{ amis: true, snapshots: true }] }],
          filter: [{ type: 'COUNT', value: keepImages }],
        },
      ],
      resourceSelection: [
        { tagMap: { [PLUMBING_TAG_KEY]: PLUMBING_COMPONENTS.forensicAmiPipeline } },
      ],
      tags,
      dependsOn: [attachment],
    });
  }
}

/**
 * The AMI id the parameter starts with: the parent image when it is an AMI id or an SSM
 * parameter, otherwise the latest Amazon Linux 2023 AMI, which the default parent image is built on.
 */
function seedImage(
  scope: Construct,
  parentImage: string | undefined,
  provider?: TerraformProvider,
): string {
  if (parentImage?.startsWith('ami-')) return parentImage;
  const name = parentImage?.startsWith('ssm:') ? parentImage.slice(4) : AL2023_AMI_PARAMETER;
  return new DataAwsSsmParameter(scope, 'parent-image', { provider, name }).value;
}

/**
 * Throws unless `subnetId` is a subnet id and `securityGroupIds` lists at least one group id;
 * the forensic security group of the subnet's VPC is the one meant.
 */
export function checkPlacement(
  owner: string,
  subnetId: string,
  securityGroupIds: readonly string[],
): void {
  checkResourceId(owner, 'subnetId', subnetId, 'subnet');
  if (securityGroupIds.length === 0) {
    throw new InvalidPropError(
      owner,
      'securityGroupIds',
      securityGroupIds,
      "must list at least one group: the forensic security group of the subnet's VPC",
    );
  }
  for (const group of securityGroupIds) checkResourceId(owner, 'securityGroupIds', group, 'sg');
}

function checkInstanceTypes(owner: string, instanceTypes: string[]): void {
  if (instanceTypes.length === 0)
    throw new InvalidPropError(
      owner,
      'instanceTypes',
      instanceTypes,
      'must list at least one instance type',
    );
  for (const type of instanceTypes) {
    checkPattern(
      owner,
      'instanceTypes',
      type,
      INSTANCE_TYPE,
      'a list of instance types such as t3.large',
    );
    if (ARM_FAMILY.test(type))
      throw new InvalidPropError(
        owner,
        'instanceTypes',
        type,
        'must be x86_64 instance types: the parent image and AVML are x86_64, Graviton is not',
      );
  }
}

function checkLogs(owner: string, logs: BuildLogDestination): void {
  checkPattern(owner, 'logs.bucketName', logs.bucketName, BUCKET_NAME, 'an S3 bucket name');
  if (logs.prefix !== undefined)
    checkPattern(owner, 'logs.prefix', logs.prefix, KEY_PREFIX, 'an S3 key prefix without spaces');
  if (logs.kmsKeyArn !== undefined)
    checkPattern(owner, 'logs.kmsKeyArn', logs.kmsKeyArn, KMS_KEY_ARN, 'a KMS key ARN');
}

function logStatements(
  context: AwsContext,
  logs: BuildLogDestination,
  prefix: string,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'WriteBuildLogs',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: `arn:${context.partition}:s3:::${logs.bucketName}/${prefix}/*`,
    },
  ];
  if (logs.kmsKeyArn)
    statements.push({
      Sid: 'EncryptBuildLogs',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
      Resource: logs.kmsKeyArn,
    });
  return statements;
}
