import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { AwsContext } from '../shared/aws-context';
import type { LogDestination } from '../shared/log-destination';
import { policyDocument, serviceTrustPolicy } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkOneOf } from '../shared/validation';

/** How often Config delivers a configuration snapshot to the bucket. */
export const SNAPSHOT_DELIVERY_FREQUENCIES = [
  'One_Hour',
  'Three_Hours',
  'Six_Hours',
  'Twelve_Hours',
  'TwentyFour_Hours',
] as const;

/** Properties of a {@link ConfigRecorder}. */
export interface ConfigRecorderProps {
  /** Bucket and key that configuration history and snapshots are delivered to. */
  readonly destination: LogDestination;

  /**
   * Role the recorder uses. Pass the {@link ConfigRecorder.roleArn} of the recorder in another
   * region: IAM is global, so one role serves every region.
   *
   * @default - a role with the AWS_ConfigRole managed policy and write access to the destination
   */
  readonly roleArn?: string;

  /**
   * Whether this recorder also records global resources (IAM users, roles, policies). Turn it on
   * in exactly one region, or every region records them again.
   *
   * @default true
   */
  readonly recordGlobalResources?: boolean;

  /**
   * How often a configuration snapshot is delivered, one of {@link SNAPSHOT_DELIVERY_FREQUENCIES}.
   *
   * @default 'TwentyFour_Hours'
   */
  readonly snapshotDeliveryFrequency?: (typeof SNAPSHOT_DELIVERY_FREQUENCIES)[number];

  /**
   * Name of the recorder and delivery channel, and start of the role name.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region to record. Config is regional: every region needs a recorder.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An AWS Config recorder that records every supported resource type, with a delivery channel to
 * the destination bucket, and turned on.
 *
 * A region has at most one recorder. In an account where AWS Control Tower or another tool
 * already records, leave this construct out rather than fight over the recorder.
 */
export class ConfigRecorder extends Construct {
  /** Name of the configuration recorder. */
  public readonly recorderName: string;
  /** ARN of the role the recorder uses. */
  public readonly roleArn: string;
  /** The recorder turned on: Config rules of the region wait for it. */
  public readonly recording: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    const frequency = props.snapshotDeliveryFrequency ?? 'TwentyFour_Hours';
    checkNamePrefix('ConfigRecorder', namePrefix);
    checkOneOf(
      'ConfigRecorder',
      'snapshotDeliveryFrequency',
      frequency,
      SNAPSHOT_DELIVERY_FREQUENCIES,
    );
    const provider = props.provider;
    this.roleArn = props.roleArn ?? this.createRole(namePrefix, props.destination, provider);

    const recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      provider,
      name: namePrefix,
      roleArn: this.roleArn,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.recordGlobalResources ?? true,
      },
    });
    this.recorderName = recorder.name;
    const channel = new ConfigDeliveryChannel(this, 'delivery-channel', {
      provider,
      name: namePrefix,
      s3BucketName: props.destination.bucketName,
      s3KmsKeyArn: props.destination.kmsKeyArn,
      snapshotDeliveryProperties: { deliveryFrequency: frequency },
      // Config needs the recorder first, and checks its access to the bucket when the channel is created.
      dependsOn: [recorder, ...props.destination.deliveryDependencies],
    });
    this.recording = new ConfigConfigurationRecorderStatus(this, 'status', {
      provider,
      name: recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
  }

  private createRole(
    namePrefix: string,
    destination: LogDestination,
    provider?: TerraformProvider,
  ): string {
    const context = new AwsContext(this, 'context', provider);
    const role = new IamRole(this, 'role', {
      provider,
      name: `${namePrefix}-config`,
      description:
        'Lets AWS Config read resource configurations and deliver them to the evidence bucket',
      assumeRolePolicy: serviceTrustPolicy('config.amazonaws.com'),
      tags: plumbingTags(PLUMBING_COMPONENTS.configRecorder),
    });
    new IamRolePolicyAttachment(this, 'managed-policy', {
      provider,
      role: role.name,
      policyArn: `arn:${context.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
    });
    new IamRolePolicy(this, 'delivery', {
      provider,
      role: role.name,
      name: 'config-delivery',
      policy: policyDocument([
        {
          Sid: 'CheckBucketAcl',
          Effect: 'Allow',
          Action: 's3:GetBucketAcl',
          Resource: destination.bucketArn,
        },
        {
          Sid: 'DeliverSnapshots',
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: `${destination.bucketArn}/AWSLogs/${context.accountId}/Config/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
        {
          Sid: 'EncryptSnapshots',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: destination.kmsKeyArn,
        },
      ]),
    });
    return role.arn;
  }
}
