import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import {
  checkPlacement,
  INSTANCE_TYPE,
  KMS_KEY_ARN,
  SSM_PARAMETER_NAME,
} from '../forensic-ami-pipeline/forensic-ami-pipeline';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkPattern, checkWholeNumber } from '../shared/validation';

/** Properties of a {@link ForensicWorkstationTemplate}. */
export interface ForensicWorkstationTemplateProps {
  /**
   * Subnet the workstation launches in: a private one, since the workstation gets no public
   * address and is reached through Session Manager. `pyjamas forensics launch-workstation
   * --subnet` picks another one of the same VPC per launch.
   */
  readonly subnetId: string;

  /** Security groups of the workstation: the forensic security group of the subnet's VPC. */
  readonly securityGroupIds: string[];

  /** ARN of the workstation's instance profile, {@link ForensicInstanceProfile}'s `instanceProfileArn`. */
  readonly instanceProfileArn: string;

  /**
   * SSM parameter holding the forensic AMI id, which {@link ForensicAmiPipeline} updates after
   * every build; EC2 resolves it at each launch, so a launch always gets the latest image.
   *
   * @default '/<namePrefix>/forensic-ami/latest'
   */
  readonly amiParameterName?: string;

  /**
   * The resource that creates the AMI parameter in this stack, such as
   * {@link ForensicAmiPipeline.amiParameter}: EC2 refuses a launch template whose `resolve:ssm:`
   * parameter does not exist yet, so the template waits for it.
   *
   * @default - the parameter already exists outside this stack
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-systems-manager-parameter-to-find-AMI.html
   */
  readonly amiParameter?: ITerraformDependable;

  /**
   * KMS key that encrypts the workstation's volumes.
   *
   * @default - the account's AWS-managed EBS key (aws/ebs)
   */
  readonly kmsKeyArn?: string;

  /**
   * Instance type of the workstation; `--instance-type` overrides it per launch. Memory
   * analysis with Volatility 3 wants memory: an r-family type suits large images.
   *
   * @default 'm6i.xlarge'
   */
  readonly instanceType?: string;

  /**
   * Size of the root volume in GiB, room for memory images and tool output; evidence volumes
   * are attached separately by `pyjamas forensics attach`.
   *
   * @default 100
   */
  readonly rootVolumeSizeGiB?: number;

  /**
   * Start of the template name, `<prefix>-forensic-workstation`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the subnet's region and account.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const INSTANCE_PROFILE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/[\w+=,.@/-]+$/;

/**
 * The launch template of the forensic workstation that `pyjamas forensics launch-workstation`
 * launches: the latest forensic AMI through `resolve:ssm:`, IMDSv2 required, encrypted EBS, the
 * forensic security group and instance profile, and no public IP address. Instances and
 * volumes it launches are tagged `pyjamas:component=forensic-workstation`.
 */
export class ForensicWorkstationTemplate extends Construct {
  /** Id of the launch template. */
  public readonly launchTemplateId: string;
  /** Name of the launch template. */
  public readonly launchTemplateName: string;
  /** Latest version of the template, which is also its default version. */
  public readonly latestVersion: number;

  constructor(scope: Construct, id: string, props: ForensicWorkstationTemplateProps) {
    super(scope, id);
    const owner = 'ForensicWorkstationTemplate';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix(owner, namePrefix);
    checkPlacement(owner, props.subnetId, props.securityGroupIds);
    checkPattern(
      owner,
      'instanceProfileArn',
      props.instanceProfileArn,
      INSTANCE_PROFILE_ARN,
      'an instance profile ARN such as arn:aws:iam::123456789012:instance-profile/pyjamas-forensic-workstation',
    );
    const amiParameterName = props.amiParameterName ?? `/${namePrefix}/forensic-ami/latest`;
    checkPattern(
      owner,
      'amiParameterName',
      amiParameterName,
      SSM_PARAMETER_NAME,
      "an SSM parameter path such as /pyjamas/forensic-ami/latest, not starting with 'aws' or 'ssm'",
    );
    if (props.kmsKeyArn !== undefined)
      checkPattern(owner, 'kmsKeyArn', props.kmsKeyArn, KMS_KEY_ARN, 'a KMS key or alias ARN');
    const instanceType = props.instanceType ?? 'm6i.xlarge';
    checkPattern(
      owner,
      'instanceType',
      instanceType,
      INSTANCE_TYPE,
      'an instance type such as m6i.xlarge',
    );
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? 100;
    checkWholeNumber(owner, 'rootVolumeSizeGiB', rootVolumeSizeGiB, 30, 16384);

    const launched = plumbingTags(PLUMBING_COMPONENTS.forensicWorkstation);
    const template = new LaunchTemplate(this, 'template', {
      provider: props.provider,
      name: `${namePrefix}-forensic-workstation`,
      description:
        'Pyjamas forensic workstation: latest forensic AMI, IMDSv2, encrypted EBS, forensic group and profile, no public IP',
      // EC2 reads the parameter at every launch: a new build needs no template change.
      imageId: `resolve:ssm:${amiParameterName}`,
      instanceType,
      iamInstanceProfile: { arn: props.instanceProfileArn },
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      networkInterfaces: [
        {
          deviceIndex: 0,
          subnetId: props.subnetId,
          securityGroups: props.securityGroupIds,
          associatePublicIpAddress: 'false',
          deleteOnTermination: 'true',
        },
      ],
      blockDeviceMappings: [
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
      tagSpecifications: [
        { resourceType: 'instance', tags: launched },
        { resourceType: 'volume', tags: launched },
      ],
      updateDefaultVersion: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.forensicWorkstationTemplate),
      ...(props.amiParameter ? { dependsOn: [props.amiParameter] } : {}),
    });
    this.launchTemplateId = template.id;
    this.launchTemplateName = template.name;
    this.latestVersion = template.latestVersion;
  }
}
