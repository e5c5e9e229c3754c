import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import {
  EVIDENCE_KEY_WRITE_ACTIONS,
  EVIDENCE_WRITE_ACTIONS,
} from '../evidence-bucket/evidence-bucket';
import { AwsContext } from '../shared/aws-context';
import {
  policyDocument,
  serviceTrustPolicy,
  type PolicyStatement,
} from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix } from '../shared/validation';

/** Actions that read snapshots: list them, and read their blocks through the EBS direct APIs. */
export const SNAPSHOT_READ_ACTIONS = [
  'ec2:DescribeSnapshots',
  'ec2:DescribeVolumes',
  'ebs:ListSnapshotBlocks',
  'ebs:ListChangedBlocks',
  'ebs:GetSnapshotBlock',
] as const;

/**
 * KMS actions EC2 performs for the workstation when it creates a volume from an encrypted
 * snapshot; allowed only through EC2.
 */
export const SNAPSHOT_KEY_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncrypt*',
] as const;

/** Properties of a {@link ForensicInstanceProfile}. */
export interface ForensicInstanceProfileProps {
  /** ARN of the evidence bucket the workstation writes its results to. */
  readonly evidenceBucketArn: string;

  /** ARN of the KMS key that encrypts the evidence bucket. */
  readonly evidenceKmsKeyArn: string;

  /**
   * Start of the role and profile names, `<prefix>-forensic-workstation`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Attaches AmazonSSMManagedInstanceCore, so that examiners and responders can drive the
   * workstation through Session Manager and Run Command without any inbound port.
   *
   * @default false - the role can only read snapshots, create and attach volumes and write evidence
   */
  readonly ssmManaged?: boolean;

  /**
   * Provider of the account; IAM is global, so any region's provider will do.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The instance profile of the forensic workstation: it reads snapshots, creates volumes from them
 * and attaches them to itself, and writes evidence. Nothing else: it cannot delete, detach,
 * snapshot, or read the evidence it wrote.
 */
export class ForensicInstanceProfile extends Construct {
  /** Name of the forensic workstation instance profile. */
  public readonly instanceProfileName: string;
  /** ARN of the forensic workstation instance profile. */
  public readonly instanceProfileArn: string;
  /** ARN of the workstation's role. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ForensicInstanceProfileProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('ForensicInstanceProfile', namePrefix);
    const provider = props.provider;
    const context = new AwsContext(this, 'context', provider);
    const tags = plumbingTags(PLUMBING_COMPONENTS.forensicInstanceProfile);
    const name = `${namePrefix}-forensic-workstation`;
    const profileArn = `arn:${context.partition}:iam::${context.accountId}:instance-profile/${name}`;

    const role = new IamRole(this, 'role', {
      provider,
      name,
      description:
        'Pyjamas forensic workstation: reads snapshots, attaches volumes, writes evidence',
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
      tags,
    });
    new IamRolePolicy(this, 'policy', {
      provider,
      role: role.name,
      name: 'forensic-workstation',
      policy: policyDocument(workstationStatements(context, profileArn, props)),
    });
    if (props.ssmManaged) {
      new IamRolePolicyAttachment(this, 'ssm-managed', {
        provider,
        role: role.name,
        policyArn: `arn:${context.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
      });
    }
    const profile = new IamInstanceProfile(this, 'instance-profile', {
      provider,
      name,
      role: role.name,
      tags,
    });
    this.instanceProfileName = profile.name;
    this.instanceProfileArn = profile.arn;
    this.roleArn = role.arn;
  }
}

function workstationStatements(
  context: AwsContext,
  profileArn: string,
  props: ForensicInstanceProfileProps,
): PolicyStatement[] {
  const ec2 = (resource: string) =>
    `arn:${context.partition}:ec2:*:${context.accountId}:${resource}`;
  return [
    { Sid: 'ReadSnapshots', Effect: 'Allow', Action: [...SNAPSHOT_READ_ACTIONS], Resource: '*' },
    {
      Sid: 'CreateVolumesFromSnapshots',
      Effect: 'Allow',
      Action: 'ec2:CreateVolume',
      // Snapshot ARNs carry no account id.
      Resource: [ec2('volume/*'), `arn:${context.partition}:ec2:*::snapshot/*`],
    },
    {
      Sid: 'TagVolumesAtCreation',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: ec2('volume/*'),
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateVolume' } },
    },
    {
      Sid: 'AttachVolumes',
      Effect: 'Allow',
      Action: 'ec2:AttachVolume',
      Resource: ec2('volume/*'),
    },
    {
      // Attach only to instances that run with this profile, i.e. to forensic workstations.
      Sid: 'AttachToWorkstationsOnly',
      Effect: 'Allow',
      Action: 'ec2:AttachVolume',
      Resource: ec2('instance/*'),
      Condition: { ArnEquals: { 'ec2:InstanceProfile': profileArn } },
    },
    {
      Sid: 'UseSnapshotKeysThroughEc2',
      Effect: 'Allow',
      Action: [...SNAPSHOT_KEY_ACTIONS],
      Resource: '*',
      Condition: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
    },
    {
      Sid: 'WriteEvidence',
      Effect: 'Allow',
      Action: [...EVIDENCE_WRITE_ACTIONS],
      Resource: `${props.evidenceBucketArn}/*`,
    },
    {
      Sid: 'EncryptEvidence',
      Effect: 'Allow',
      Action: [...EVIDENCE_KEY_WRITE_ACTIONS],
      Resource: props.evidenceKmsKeyArn,
    },
  ];
}
