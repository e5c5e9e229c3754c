import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { SCANNER_READ_ACTIONS, SCANNER_RESOURCE_SCOPED_ACTIONS } from '../../scanner/permissions';
import { EVIDENCE_KEY_WRITE_ACTIONS } from '../evidence-bucket/evidence-bucket';
import { PlumbingFunction } from '../plumbing-function/plumbing-function';
import type { NotificationTopic } from '../responder-functions/responder-functions';
import { AwsContext } from '../shared/aws-context';
import { LAMBDA_ENTRIES, type LambdaRuntime } from '../shared/lambda-bundle';
import type { LogDestination } from '../shared/log-destination';
import type { PolicyStatement } from '../shared/policy-document';
import { serviceRole } from '../shared/service-role';
import { plumbingTags } from '../shared/tags';
import { InvalidPropError, checkNamePrefix, checkPattern } from '../shared/validation';

/** Properties of a {@link ScheduledScan}. */
export interface ScheduledScanProps {
  /**
   * Bucket the reports are filed in, under {@link ScheduledScanProps.reportPrefix}, and the key
   * that encrypts it: the evidence bucket, so that reports share its Object Lock, versioning and
   * access logging.
   */
  readonly reportBucket: Pick<LogDestination, 'bucketName' | 'bucketArn' | 'kmsKeyArn'>;

  /**
   * Account that owns the report bucket, when it is another account's (the central evidence
   * bucket of an organization, whose policy lets this account write `scans/<its id>/` only): every
   * request names it as ExpectedBucketOwner, and the role reaches that account's bucket only.
   *
   * @default - the bucket is this account's own
   */
  readonly reportBucketOwnerAccountId?: string;

  /** SNS topic in this region that the function's error alarm notifies. */
  readonly alarmTopicArn: string;

  /**
   * SNS topic told each scan's summary (failures, new failures, fixes, where the reports are).
   *
   * @default - nobody is told
   */
  readonly notificationTopic?: NotificationTopic;

  /**
   * When to scan, as an EventBridge schedule expression: `rate(…)` or `cron(…)`.
   *
   * @default 'rate(1 day)'
   */
  readonly schedule?: string;

  /**
   * Regions to scan.
   *
   * @default - every region enabled for the account
   */
  readonly regions?: string[];

  /**
   * Key prefix of the reports: each scan files `<prefix><account>/<time>/report.json`,
   * `report.ocsf.json`, `report.html` and, from the second scan on, `variance.json`.
   *
   * @default 'scans/'
   */
  readonly reportPrefix?: string;

  /**
   * Whether each scan's findings are imported into Security Hub (ASFF) in this region, which must
   * have Security Hub enabled.
   *
   * @default false
   */
  readonly securityHub?: boolean;

  /**
   * Name of the forensic AMI parameter in this region (ForensicAmiPipeline `amiParameterName`),
   * the one parameter whose value the scan may read (ssm:GetParameter) for the readiness check
   * of the forensic AMI's age.
   *
   * @default - no parameter may be read: the check finds no forensic AMI where the stack has none
   */
  readonly forensicAmiParameterName?: string;

  /**
   * Whether the responders of this account are deployed in dry run on purpose (automatic
   * response without `enforce`): the scan settings then declare it (`respondersDeclaredDryRun`),
   * so the readiness check of the responder functions passes a deliberate dry run instead of
   * failing it on every scan.
   *
   * @default false
   */
  readonly respondersDeclaredDryRun?: boolean;

  /**
   * Dead-letter queue for scheduled invocations that failed every retry.
   *
   * @default - none; the error alarm still fires
   */
  readonly deadLetterQueueArn?: string;

  /**
   * Lambda runtime of the scan function.
   *
   * @default 'nodejs22.x' (see PlumbingFunction)
   */
  readonly runtime?: LambdaRuntime;

  /**
   * Start of the function, role and rule names.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region the scan runs in (it scans every region from there).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PREFIX = /^([A-Za-z0-9!_.*'()-]+\/)+$/;
const PARAMETER_PATH = /^(\/[A-Za-z0-9_.-]+)+$/;

/**
 * The scanner as a Lambda function on an EventBridge schedule: it reads the account with the
 * scanner's read-only permissions, files JSON, OCSF and HTML reports and the variance against the
 * previous scan in the report bucket, tells the notification topic, and optionally imports the
 * findings into Security Hub. A scan of a large account takes minutes, so the function may run
 * the full 15 minutes Lambda allows.
 */
export class ScheduledScan extends Construct {
  /** The scanning function. */
  public readonly function: PlumbingFunction;
  /** Name of the schedule rule. */
  public readonly ruleName: string;

  constructor(scope: Construct, id: string, props: ScheduledScanProps) {
    super(scope, id);
    const owner = 'ScheduledScan';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    const schedule = props.schedule ?? 'rate(1 day)';
    const reportPrefix = props.reportPrefix ?? 'scans/';
    checkNamePrefix(owner, namePrefix);
    checkPattern(
      owner,
      'schedule',
      schedule,
      SCHEDULE,
      'an EventBridge schedule expression such as "rate(1 day)" or "cron(0 3 * * ? *)"',
    );
    checkPattern(
      owner,
      'reportPrefix',
      reportPrefix,
      PREFIX,
      'a key prefix of one or more folders ending in "/", such as "scans/"',
    );
    if (props.regions !== undefined && props.regions.length === 0)
      throw new InvalidPropError(
        owner,
        'regions',
        props.regions,
        'must list at least one region, or be left out to scan every enabled region',
      );
    for (const region of props.regions ?? [])
      checkPattern(owner, 'regions', region, REGION, 'a list of region names such as eu-west-1');
    if (props.reportBucketOwnerAccountId !== undefined)
      checkPattern(
        owner,
        'reportBucketOwnerAccountId',
        props.reportBucketOwnerAccountId,
        /^\d{12}$/,
        'a 12-digit account id',
      );
    if (props.forensicAmiParameterName !== undefined)
      checkPattern(
        owner,
        'forensicAmiParameterName',
        props.forensicAmiParameterName,
        PARAMETER_PATH,
        'an SSM parameter path such as /pyjamas/forensic-ami/latest',
      );
    const { provider } = props;
    const tags = plumbingTags(PLUMBING_COMPONENTS.scheduledScan);
    const context = new AwsContext(this, 'context', provider);
    const functionName = `${namePrefix}-scheduled-scan`;
    const bucket = props.reportBucket;
    // Reports are filed under <prefix><account>/ (scanner/scheduled/report-store.ts).
    const ownReports = `${reportPrefix}${context.accountId}/`;
    const bucketOwner = props.reportBucketOwnerAccountId;
    const ownerCondition: Record<string, Record<string, string>> = bucketOwner
      ? { StringEquals: { 'aws:ResourceAccount': bucketOwner } }
      : {};

    const statements: PolicyStatement[] = [
      {
        Sid: 'ReadAccount',
        Effect: 'Allow',
        Action: SCANNER_READ_ACTIONS.filter(
          (action) => !(SCANNER_RESOURCE_SCOPED_ACTIONS as readonly string[]).includes(action),
        ),
        Resource: '*',
      },
      ...(props.forensicAmiParameterName
        ? [
            {
              Sid: 'ReadForensicAmiParameter',
              Effect: 'Allow' as const,
              Action: [...SCANNER_RESOURCE_SCOPED_ACTIONS],
              // The name starts with "/", which the parameter ARN does not repeat.
              Resource: `arn:${context.partition}:ssm:${context.region}:${context.accountId}:parameter${props.forensicAmiParameterName}`,
            },
          ]
        : []),
      {
        // Each scan lists the account's own reports to find the previous one.
        Sid: 'ListReports',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucket.bucketArn,
        Condition: {
          StringLike: { 's3:prefix': `${ownReports}*` },
          ...ownerCondition,
        },
      },
      {
        Sid: 'FileReports',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `${bucket.bucketArn}/${ownReports}*`,
        ...(bucketOwner ? { Condition: ownerCondition } : {}),
      },
      {
        Sid: 'UseReportKey',
        Effect: 'Allow',
        Action: [...EVIDENCE_KEY_WRITE_ACTIONS],
        Resource: bucket.kmsKeyArn,
      },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:/aws/lambda/${functionName}:*`,
      },
      ...(props.deadLetterQueueArn
        ? [
            {
              Sid: 'SendToDeadLetterQueue',
              Effect: 'Allow' as const,
              Action: 'sqs:SendMessage',
              Resource: props.deadLetterQueueArn,
            },
          ]
        : []),
      ...(props.notificationTopic
        ? [
            {
              Sid: 'Notify',
              Effect: 'Allow' as const,
              Action: 'sns:Publish',
              Resource: props.notificationTopic.topicArn,
            },
            ...(props.notificationTopic.kmsKeyArn
              ? [
                  {
                    Sid: 'UseNotificationKey',
                    Effect: 'Allow' as const,
                    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
                    Resource: props.notificationTopic.kmsKeyArn,
                  },
                ]
              : []),
          ]
        : []),
      ...(props.securityHub
        ? [
            {
              Sid: 'ImportFindings',
              Effect: 'Allow' as const,
              Action: 'securityhub:BatchImportFindings',
              Resource: `arn:${context.partition}:securityhub:${context.region}:${context.accountId}:product/${context.accountId}/default`,
            },
          ]
        : []),
    ];
    const role = serviceRole(this, 'execution', {
      provider,
      name: functionName,
      description: 'Lets the Pyjamas scheduled scan read the account and file its reports',
      service: 'lambda.amazonaws.com',
      policyName: 'scheduled-scan',
      statements,
      tags,
    });

    this.function = new PlumbingFunction(this, 'function', {
      functionName,
      description: 'Pyjamas: scans the account on a schedule and files the reports',
      entry: LAMBDA_ENTRIES.scheduledScan,
      handler: 'handler',
      roleArn: role.arn,
      component: PLUMBING_COMPONENTS.scheduledScan,
      alarmTopicArn: props.alarmTopicArn,
      timeoutSeconds: 900,
      memoryMb: 1024,
      runtime: props.runtime,
      environment: {
        PYJAMAS_REPORT_BUCKET: bucket.bucketName,
        PYJAMAS_REPORT_PREFIX: reportPrefix,
        ...(bucketOwner ? { PYJAMAS_REPORT_BUCKET_OWNER: bucketOwner } : {}),
        ...(props.regions ? { PYJAMAS_SCAN_REGIONS: props.regions.join(',') } : {}),
        ...(props.notificationTopic
          ? { PYJAMAS_REPORT_TOPIC_ARN: props.notificationTopic.topicArn }
          : {}),
        PYJAMAS_SECURITY_HUB: props.securityHub === true ? 'true' : 'false',
        // The scan settings file's JSON, read by the same parser as `pyjamas scan --config`.
        ...(props.respondersDeclaredDryRun === true
          ? { PYJAMAS_SCAN_SETTINGS: JSON.stringify({ respondersDeclaredDryRun: true }) }
          : {}),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      ...(props.deadLetterQueueArn ? { deadLetterQueueArn: props.deadLetterQueueArn } : {}),
      dependsOn: [role.policy],
      provider,
    });

    const rule = new CloudwatchEventRule(this, 'schedule', {
      provider,
      name: functionName,
      description: 'Pyjamas: runs the scheduled scan',
      scheduleExpression: schedule,
      tags,
    });
    this.ruleName = rule.name;
    new CloudwatchEventTarget(this, 'target', {
      provider,
      rule: rule.name,
      targetId: 'scan',
      arn: this.function.functionArn,
    });
    new LambdaPermission(this, 'permission', {
      provider,
      statementId: 'scheduled-scan',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
  }
}
