import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { ISOLATE_EC2_INSTANCE_ACTIONS } from '../../responders/isolate-ec2-instance/permissions';
import { REVOKE_ACCESS_KEY_ACTIONS } from '../../responders/revoke-access-key/permissions';
import { EVIDENCE_KEY_WRITE_ACTIONS } from '../evidence-bucket/evidence-bucket';
import { PlumbingFunction } from '../plumbing-function/plumbing-function';
import { AwsContext } from '../shared/aws-context';
import { LAMBDA_ENTRIES, type LambdaRuntime } from '../shared/lambda-bundle';
import type { LogDestination } from '../shared/log-destination';
import { alarmOnAny } from '../shared/alarm';
import type { PolicyStatement } from '../shared/policy-document';
import { serviceRole } from '../shared/service-role';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix } from '../shared/validation';

/** An SNS topic people read, and the KMS key that encrypts it (publishers need to use it). */
export interface NotificationTopic {
  /** ARN of the topic. */
  readonly topicArn: string;
  /**
   * ARN of the customer managed key the topic is encrypted with.
   *
   * @default - the topic is not encrypted with a customer managed key
   */
  readonly kmsKeyArn?: string;
}

/** The responders' execution roles, created once per account: IAM is global. */
export interface ResponderRoles {
  /** Role of the isolation functions. */
  readonly isolationRoleArn: string;
  /** Role of the key revocation functions. */
  readonly revocationRoleArn: string;
  /**
   * The roles' policies: Lambda checks, when a function is created, that its role may send to
   * its dead-letter queue, so functions wait for them.
   */
  readonly policies: ITerraformDependable[];
}

/** Properties of {@link ResponderFunctions}. */
export interface ResponderFunctionsProps {
  /** Where responders file their evidence; its name is passed as PYJAMAS_EVIDENCE_BUCKET. */
  readonly evidence: Pick<LogDestination, 'bucketName' | 'bucketArn' | 'kmsKeyArn'>;

  /**
   * The account that owns the evidence bucket, when it is not this account's (the central store
   * of an organization). It is passed as PYJAMAS_EVIDENCE_BUCKET_OWNER, so the responders send it
   * as ExpectedBucketOwner and file under `cases/<this account>/`; the roles may use the bucket
   * only while it belongs to that account (`aws:ResourceAccount`).
   *
   * @default - the bucket is this account's own
   */
  readonly evidenceOwnerAccountId?: string;

  /** The quarantine instance profile that isolation gives instances, and its role (passed to EC2). */
  readonly quarantineProfile: { readonly instanceProfileName: string; readonly roleArn: string };

  /** SNS topic in this region that the error and dead-letter alarms notify. */
  readonly alarmTopicArn: string;

  /**
   * SNS topic told what each response did (PYJAMAS_NOTIFY_TOPIC_ARN); it may be in another region.
   *
   * @default - nobody is told; the run records and the logs still say
   */
  readonly notificationTopic?: NotificationTopic;

  /**
   * Whether the responders act. Off, they read, plan, record the plan in their logs and notices,
   * and change nothing (PYJAMAS_ENFORCE=false).
   *
   * @default false
   */
  readonly enforce?: boolean;

  /**
   * Lambda runtime of the functions.
   *
   * @default 'nodejs22.x' (see PlumbingFunction)
   */
  readonly runtime?: LambdaRuntime;

  /**
   * Concurrent executions reserved for each function, or false for none: a burst of findings
   * then runs at most this many responses at once per function, and the responders keep that
   * much capacity when the account's other functions are busy. Lambda needs 100 unreserved
   * executions left in the region; accounts on the initial quota of 10 must raise it first or
   * pass false.
   *
   * @default 5
   */
  readonly reservedConcurrency?: number | false;

  /**
   * Roles to use instead of creating them: pass {@link ResponderFunctions.roles} of the home
   * region's instance, since IAM is global.
   *
   * @default - the roles are created here, from the responders' permission lists
   */
  readonly roles?: ResponderRoles;

  /**
   * Start of every name (functions, roles, queue, alarms).
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region. Each region needs its own functions: Config remediations and
   * EventBridge rules invoke functions of their own region only.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The two functions of one responder. */
export interface ResponderPair {
  /** Target of the GuardDuty findings rule (asynchronous: retried twice, then the dead-letter queue). */
  readonly guardDuty: PlumbingFunction;
  /** Target of the Config remediation document (synchronous, within 300 s). */
  readonly configRemediation: PlumbingFunction;
}

/** Logs the functions of a role may write to, in any region. */
function logStreams(context: AwsContext, functionPrefix: string): string {
  return `arn:${context.partition}:logs:*:${context.accountId}:log-group:/aws/lambda/${functionPrefix}-*:*`;
}

/** Name of the regional dead-letter queue. */
function deadLetterQueueName(namePrefix: string): string {
  return `${namePrefix}-response-dlq`;
}

/**
 * The responders as Lambda functions in one region: isolation of EC2 instances and revocation of
 * access keys, each as one function for GuardDuty findings and one for Config remediations.
 *
 * Why a function per handler: a function has one handler, and the two triggers behave apart —
 * EventBridge invokes asynchronously (Lambda retries twice, then the dead-letter queue), SSM
 * Automation synchronously (the step sees the error and Config retries) — so each gets its own
 * error alarm and metrics. The two functions of a responder share one bundle and one role.
 *
 * Roles come from the responders' permission lists: evidence reads and writes are limited to the
 * evidence bucket and its key, `iam:PassRole` to the quarantine role, logs to the functions' own
 * log groups, and the roles may not change Pyjamas's own roles.
 */
export class ResponderFunctions extends Construct {
  /** The isolation functions. */
  public readonly isolation: ResponderPair;
  /** The key revocation functions. */
  public readonly revocation: ResponderPair;
  /** The roles, for the other regions' instances. */
  public readonly roles: ResponderRoles;
  /** ARN of this region's dead-letter queue, which other asynchronous functions may share. */
  public readonly deadLetterQueueArn: string;

  constructor(scope: Construct, id: string, props: ResponderFunctionsProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('ResponderFunctions', namePrefix);
    const { provider } = props;
    this.roles = props.roles ?? this.createRoles(namePrefix, props);

    const queue = new SqsQueue(this, 'dead-letter-queue', {
      provider,
      name: deadLetterQueueName(namePrefix),
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 14 * 24 * 3600,
      tags: plumbingTags(PLUMBING_COMPONENTS.deadLetterQueue),
    });
    this.deadLetterQueueArn = queue.arn;
    alarmOnAny(this, 'dead-letter-alarm', {
      provider,
      alarmName: `${namePrefix}-response-dlq-messages`,
      alarmDescription: `An event reached ${deadLetterQueueName(namePrefix)}: a responder failed it three times. Read the message, then respond by hand.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: queue.name },
      statistic: 'Maximum',
      topicArn: props.alarmTopicArn,
      tags: plumbingTags(PLUMBING_COMPONENTS.deadLetterQueue),
    });

    const common = {
      PYJAMAS_ENFORCE: props.enforce === true ? 'true' : 'false',
      PYJAMAS_EVIDENCE_BUCKET: props.evidence.bucketName,
      ...(props.evidenceOwnerAccountId
        ? { PYJAMAS_EVIDENCE_BUCKET_OWNER: props.evidenceOwnerAccountId }
        : {}),
      ...(props.notificationTopic
        ? { PYJAMAS_NOTIFY_TOPIC_ARN: props.notificationTopic.topicArn }
        : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const pair = (
      name: string,
      what: string,
      entry: (typeof LAMBDA_ENTRIES)[keyof typeof LAMBDA_ENTRIES],
      roleArn: string,
      environment: Record<string, string>,
    ): ResponderPair => {
      const base = {
        entry,
        roleArn,
        environment,
        component: PLUMBING_COMPONENTS.responderFunction,
        alarmTopicArn: props.alarmTopicArn,
        dependsOn: this.roles.policies,
        runtime: props.runtime,
        reservedConcurrency: props.reservedConcurrency ?? 5,
        provider,
      };
      const guardDuty = new PlumbingFunction(this, `${name}-guardduty`, {
        ...base,
        functionName: `${namePrefix}-${name}-guardduty`,
        description: `Pyjamas: ${what} named by GuardDuty findings`,
        handler: 'guardDutyHandler',
        deadLetterQueueArn: queue.arn,
      });
      const configRemediation = new PlumbingFunction(this, `${name}-config`, {
        ...base,
        functionName: `${namePrefix}-${name}-config`,
        description: `Pyjamas: ${what} named by AWS Config remediations`,
        handler: 'configRemediationHandler',
      });
      return { guardDuty, configRemediation };
    };
    this.isolation = pair(
      'isolate',
      'isolates the EC2 instances',
      LAMBDA_ENTRIES.isolateEc2Instance,
      this.roles.isolationRoleArn,
      {
        ...common,
        PYJAMAS_QUARANTINE_PROFILE: props.quarantineProfile.instanceProfileName,
      },
    );
    this.revocation = pair(
      'revoke',
      'revokes the access keys',
      LAMBDA_ENTRIES.revokeAccessKey,
      this.roles.revocationRoleArn,
      common,
    );
  }

  private createRoles(namePrefix: string, props: ResponderFunctionsProps): ResponderRoles {
    const { provider } = props;
    const context = new AwsContext(this, 'context', provider);
    const tags = plumbingTags(PLUMBING_COMPONENTS.responderFunction);
    const role = (id: string, name: string, description: string, statements: PolicyStatement[]) =>
      serviceRole(this, id, {
        provider,
        name,
        description,
        service: 'lambda.amazonaws.com',
        policyName: id,
        statements,
        tags,
      });
    const shared = (functionPrefix: string): PolicyStatement[] => [
      {
        Sid: 'UseEvidenceKey',
        Effect: 'Allow',
        Action: [...EVIDENCE_KEY_WRITE_ACTIONS],
        Resource: props.evidence.kmsKeyArn,
      },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: logStreams(context, functionPrefix),
      },
      {
        Sid: 'SendToDeadLetterQueue',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: `arn:${context.partition}:sqs:*:${context.accountId}:${deadLetterQueueName(namePrefix)}`,
      },
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
      {
        // The responders write IAM policies of other principals; never of Pyjamas's own roles.
        Sid: 'LeavePyjamasRolesAlone',
        Effect: 'Deny',
        Action: [
          'iam:PutRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:UpdateAssumeRolePolicy',
          'iam:PutRolePermissionsBoundary',
          'iam:DeleteRolePermissionsBoundary',
        ],
        Resource: `arn:${context.partition}:iam::${context.accountId}:role/${namePrefix}-*`,
      },
    ];
    const evidence = [props.evidence.bucketArn, `${props.evidence.bucketArn}/*`];
    // A bucket of another account is used only while that account owns it: were it deleted and
    // its name taken by someone else, the roles would not write there. moto 5.2.1 does not
    // evaluate aws:ResourceAccount, so the single-account roles, which the IAM-enforced tests
    // run, carry no such condition.
    const evidenceOwner = props.evidenceOwnerAccountId
      ? { Condition: { StringEquals: { 'aws:ResourceAccount': props.evidenceOwnerAccountId } } }
      : {};
    const isolationActions: readonly string[] = ISOLATE_EC2_INSTANCE_ACTIONS;
    const isolation = role(
      'isolate-ec2-instance',
      `${namePrefix}-isolate-responder`,
      'Lets the Pyjamas isolation functions contain EC2 instances and file evidence',
      [
        {
          Sid: 'Respond',
          Effect: 'Allow',
          Action: isolationActions.filter(
            (action) => !action.startsWith('s3:') && action !== 'iam:PassRole',
          ),
          Resource: '*',
        },
        {
          Sid: 'FileEvidence',
          Effect: 'Allow',
          Action: isolationActions.filter((action) => action.startsWith('s3:')),
          Resource: evidence,
          ...evidenceOwner,
        },
        {
          Sid: 'PassQuarantineRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: props.quarantineProfile.roleArn,
          Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        },
        ...shared(`${namePrefix}-isolate`),
      ],
    );
    const revocationActions: readonly string[] = REVOKE_ACCESS_KEY_ACTIONS;
    const revocation = role(
      'revoke-access-key',
      `${namePrefix}-revoke-responder`,
      'Lets the Pyjamas revocation functions deactivate access keys, deny their sessions and file evidence',
      [
        {
          Sid: 'Respond',
          Effect: 'Allow',
          Action: revocationActions.filter((action) => !action.startsWith('s3:')),
          Resource: '*',
        },
        {
          Sid: 'FileEvidence',
          Effect: 'Allow',
          Action: revocationActions.filter((action) => action.startsWith('s3:')),
          Resource: evidence,
          ...evidenceOwner,
        },
        ...shared(`${namePrefix}-revoke`),
      ],
    );
    return {
      isolationRoleArn: isolation.arn,
      revocationRoleArn: revocation.arn,
      policies: [isolation.policy, revocation.policy],
    };
  }
}
