import { Annotations, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { alarmOnAny } from '../shared/alarm';
import { AwsContext } from '../shared/aws-context';
import { accountAdministersKey, cloudWatchPublishesAlarms } from '../shared/key-policy';
import type { LogDestination } from '../shared/log-destination';
import { policyDocument, serviceTrustPolicy } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkEmailAddresses, checkNamePrefix, checkOneOf } from '../shared/validation';
import { CIS_METRIC_FILTERS } from './cis-metric-filters';

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** Namespace of the CIS metrics. */
export const CIS_METRIC_NAMESPACE = 'CISBenchmark';

/** Properties of a {@link Trail}. */
export interface TrailProps {
  /** Bucket and key the trail delivers its log files to, usually the evidence bucket. */
  readonly destination: LogDestination;

  /**
   * Start of the trail, log group, role, topic, metric and alarm names.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Days CloudWatch Logs keeps the trail's events; the log files in S3 are kept by the
   * destination bucket's own retention. One of {@link LOG_RETENTION_DAYS}.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;

  /**
   * Email addresses subscribed to the alarm topic. Each address receives a confirmation mail
   * that must be accepted before alarms arrive.
   *
   * CIS 4.x expects every alarm to reach someone: without an address, synth warns, and a
   * pager, chat or ticketing integration must be subscribed to `alarmTopicArn` by other means.
   *
   * @default - no subscriptions, and a warning at synth
   */
  readonly alarmEmailAddresses?: string[];

  /**
   * Whether Terraform refuses to destroy the key of the log group and the alarm topic:
   * destroying it makes the trail's CloudWatch Logs copy unreadable. Set it to false only in
   * tests that create and destroy the plumbing.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Provider of the home region. The trail is multi-region, so it is created once, here.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The account's CloudTrail trail and the CIS monitoring on top of it.
 *
 * The trail records management events (read and write) in every region, including global
 * services such as IAM, signs each log file for integrity validation, encrypts with the
 * destination's KMS key, and delivers to the destination bucket and to a CloudWatch Logs group.
 * The CIS metric filters watch that group; their alarms notify an SNS topic. The log group and
 * topic are encrypted with a dedicated rotating key that CloudWatch Logs and CloudWatch may use.
 */
export class Trail extends Construct {
  /** ARN of the trail. */
  public readonly trailArn: string;
  /** Name of the trail. */
  public readonly trailName: string;
  /** Name of the CloudWatch Logs group that receives the trail's events. */
  public readonly logGroupName: string;
  /** ARN of the SNS topic the CIS alarms notify. */
  public readonly alarmTopicArn: string;
  /** ARN of the key that encrypts the log group and the alarm topic; publishers to the topic use it. */
  public readonly alarmKeyArn: string;

  constructor(scope: Construct, id: string, props: TrailProps) {
    super(scope, id);
    const owner = 'Trail';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    const logRetentionDays = props.logRetentionDays ?? 365;
    checkNamePrefix(owner, namePrefix);
    checkOneOf(owner, 'logRetentionDays', logRetentionDays, LOG_RETENTION_DAYS);
    checkEmailAddresses(owner, 'alarmEmailAddresses', props.alarmEmailAddresses ?? []);
    const provider = props.provider;
    const context = new AwsContext(this, 'context', provider);
    const trailTags = plumbingTags(PLUMBING_COMPONENTS.trail);
    const alarmTags = plumbingTags(PLUMBING_COMPONENTS.alarmTopic);

    const alarmKey = new KmsKey(this, 'alarm-key', {
      provider,
      description: 'Pyjamas CloudTrail log group and security alarm topic',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        accountAdministersKey(context),
        {
          Sid: 'CloudWatchLogsEncryptsLogGroups',
          Effect: 'Allow',
          Principal: { Service: `logs.${context.region}.amazonaws.com` },
          Action: [
            'kms:Encrypt*',
            'kms:Decrypt*',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:Describe*',
          ],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:*`,
            },
          },
        },
        cloudWatchPublishesAlarms(context),
      ]),
      tags: alarmTags,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });

    this.alarmKeyArn = alarmKey.arn;

    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: `/${namePrefix}/cloudtrail`,
      retentionInDays: logRetentionDays,
      kmsKeyId: alarmKey.arn,
      tags: trailTags,
    });
    this.logGroupName = logGroup.name;

    const logsRole = new IamRole(this, 'logs-role', {
      provider,
      name: `${namePrefix}-cloudtrail-logs`,
      description: 'Lets CloudTrail deliver events to its CloudWatch Logs group',
      assumeRolePolicy: serviceTrustPolicy('cloudtrail.amazonaws.com'),
      tags: trailTags,
    });
    const logsPolicy = new IamRolePolicy(this, 'logs-delivery', {
      provider,
      role: logsRole.name,
      name: 'cloudtrail-logs-delivery',
      policy: policyDocument([
        {
          Sid: 'DeliverEvents',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroup.arn}:log-stream:*`,
        },
      ]),
    });

    const trail = new Cloudtrail(this, 'trail', {
      provider,
      name: `${namePrefix}-trail`,
      s3BucketName: props.destination.bucketName,
      kmsKeyId: props.destination.kmsKeyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      eventSelector: [{ readWriteType: 'All', includeManagementEvents: true }],
      cloudWatchLogsGroupArn: `${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: logsRole.arn,
      tags: trailTags,
      // CloudTrail checks its access to the bucket, key and role when the trail is created.
      dependsOn: [...props.destination.deliveryDependencies, logsPolicy],
    });
    this.trailArn = trail.arn;
    this.trailName = trail.name;

    const topic = new SnsTopic(this, 'alarm-topic', {
      provider,
      name: `${namePrefix}-security-alarms`,
      kmsMasterKeyId: alarmKey.arn,
      tags: alarmTags,
    });
    this.alarmTopicArn = topic.arn;
    if ((props.alarmEmailAddresses ?? []).length === 0) {
      Annotations.of(this).addWarning(
        `Trail: the security alarm topic ${namePrefix}-security-alarms has no subscriber, so the CIS alarms and the responders' notices reach nobody (CIS 4.x). Give alarmEmailAddresses, or subscribe a pager, chat or ticketing endpoint to the topic.`,
      );
    }
    for (const address of props.alarmEmailAddresses ?? []) {
      new SnsTopicSubscription(this, `alarm-email-${address}`, {
        provider,
        topicArn: topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    }

    const cisAlarms = new Construct(this, 'cis-alarms');
    for (const filter of CIS_METRIC_FILTERS) {
      const metricName = `${namePrefix}-${filter.id}`;
      new CloudwatchLogMetricFilter(cisAlarms, `${filter.id}-filter`, {
        provider,
        name: metricName,
        logGroupName: logGroup.name,
        pattern: filter.pattern,
        metricTransformation: { name: metricName, namespace: CIS_METRIC_NAMESPACE, value: '1' },
      });
      alarmOnAny(cisAlarms, `${filter.id}-alarm`, {
        provider,
        alarmName: metricName,
        alarmDescription: `CIS ${filter.cisControl}: ${filter.description}`,
        namespace: CIS_METRIC_NAMESPACE,
        metricName,
        statistic: 'Sum',
        topicArn: topic.arn,
        tags: alarmTags,
      });
    }
  }
}
