import { Fn, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import type { PlumbingComponent } from '../../lib/plumbing-tags';
import { alarmOnAny } from '../shared/alarm';
import {
  DEFAULT_LAMBDA_RUNTIME,
  LAMBDA_RUNTIMES,
  lambdaAsset,
  type LambdaEntry,
  type LambdaRuntime,
} from '../shared/lambda-bundle';
import { plumbingTags } from '../shared/tags';
import { checkOneOf, checkPattern, checkWholeNumber } from '../shared/validation';
import { LOG_RETENTION_DAYS } from '../trail/trail';

/** Properties of a {@link PlumbingFunction}. */
export interface PlumbingFunctionProps {
  /** Name of the function; also names its log group `/aws/lambda/<name>` and its alarm. */
  readonly functionName: string;

  /** What the function is for, shown in the Lambda console. */
  readonly description: string;

  /** The entry point bundled into the function's code. */
  readonly entry: LambdaEntry;

  /** The exported handler of the entry, e.g. `guardDutyHandler`. */
  readonly handler: string;

  /** ARN of the function's execution role. */
  readonly roleArn: string;

  /** Component tag of the function and its log group. */
  readonly component: PlumbingComponent;

  /** SNS topic the function's error alarm notifies. */
  readonly alarmTopicArn: string;

  /**
   * Environment variables of the function.
   *
   * @default - none beyond what Lambda sets
   */
  readonly environment?: Record<string, string>;

  /**
   * Seconds an invocation may run, 1 to 900.
   *
   * @default 280, under the 300 s an SSM Automation `aws:invokeLambdaFunction` step waits
   */
  readonly timeoutSeconds?: number;

  /**
   * Memory in MB, 128 to 10240; Lambda gives CPU in proportion.
   *
   * @default 512
   */
  readonly memoryMb?: number;

  /**
   * Lambda runtime, one of {@link LAMBDA_RUNTIMES}; the code is bundled for it.
   *
   * @default 'nodejs22.x', the newest Node.js runtime the pinned provider 5.100.0 accepts
   */
  readonly runtime?: LambdaRuntime;

  /**
   * Concurrent executions reserved for the function, or false for none. Reserving caps what a
   * burst of findings can run at once (a mass response stays inside the EC2 and IAM request
   * rates) and guarantees the function that much when other functions of the account are busy.
   * Lambda refuses a reservation that leaves fewer than 100 unreserved executions in the
   * region, so accounts still on a concurrency quota of 10 must raise it or pass false.
   *
   * @default false
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
   */
  readonly reservedConcurrency?: number | false;

  /**
   * SQS queue that receives asynchronous invocations (EventBridge, Config rules) whose retries
   * all failed, as an on-failure destination: the record holds the event, the error and the
   * attempts, where a classic dead-letter queue would hold the event alone. Synchronous callers
   * such as SSM Automation see the error themselves.
   *
   * @default - none
   */
  readonly deadLetterQueueArn?: string;

  /**
   * Days the function's log group keeps its logs, one of the CloudWatch Logs retention periods.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;

  /**
   * What must exist before the function, such as its role's policy: Lambda checks, when the
   * function is created, that the role may send to the dead-letter queue.
   *
   * @default - only the log group
   */
  readonly dependsOn?: ITerraformDependable[];

  /**
   * Provider of the function's region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A Node.js Lambda function of the plumbing (nodejs22.x unless told otherwise): the entry point bundled with esbuild at synth
 * time into a zip asset, a log group with a retention created before the function (so that Lambda
 * does not create one that keeps logs forever), and an alarm on any error in five minutes.
 */
export class PlumbingFunction extends Construct {
  /** Name of the function. */
  public readonly functionName: string;
  /** ARN of the function. */
  public readonly functionArn: string;

  constructor(scope: Construct, id: string, props: PlumbingFunctionProps) {
    super(scope, id);
    const owner = 'PlumbingFunction';
    const timeout = props.timeoutSeconds ?? 280;
    const memory = props.memoryMb ?? 512;
    const retention = props.logRetentionDays ?? 365;
    checkPattern(
      owner,
      'functionName',
      props.functionName,
      /^[A-Za-z0-9_-]{1,64}$/,
      '1 to 64 letters, digits, hyphens or underscores',
    );
    checkPattern(
      owner,
      'handler',
      props.handler,
      /^[A-Za-z_$][\w$]*$/,
      'the name of an exported function',
    );
    checkWholeNumber(owner, 'timeoutSeconds', timeout, 1, 900);
    checkWholeNumber(owner, 'memoryMb', memory, 128, 10_240);
    checkOneOf(owner, 'logRetentionDays', retention, LOG_RETENTION_DAYS);
    const runtime = props.runtime ?? DEFAULT_LAMBDA_RUNTIME;
    checkOneOf(owner, 'runtime', runtime, Object.keys(LAMBDA_RUNTIMES) as LambdaRuntime[]);
    const reserved = props.reservedConcurrency ?? false;
    if (reserved !== false) checkWholeNumber(owner, 'reservedConcurrency', reserved, 1, 1000);
    const { provider } = props;
    const tags = plumbingTags(props.component);

    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: retention,
      tags,
    });
    const code = lambdaAsset(this, props.entry, runtime);
    const fn = new LambdaFunction(this, 'function', {
      provider,
      functionName: props.functionName,
      description: props.description,
      role: props.roleArn,
      runtime,
      architectures: ['arm64'],
      handler: `index.${props.handler}`,
      filename: code.path,
      sourceCodeHash: Fn.filebase64sha256(code.path),
      timeout,
      memorySize: memory,
      ...(reserved === false ? {} : { reservedConcurrentExecutions: reserved }),
      ...(props.environment ? { environment: { variables: props.environment } } : {}),
      tags,
      dependsOn: [logGroup, ...(props.dependsOn ?? [])],
    });
    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    if (props.deadLetterQueueArn) {
      // Lambda retries a failed asynchronous invocation twice, then sends it to the queue.
      new LambdaFunctionEventInvokeConfig(this, 'on-failure', {
        provider,
        functionName: fn.functionName,
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: props.deadLetterQueueArn } },
      });
    }

    alarmOnAny(this, 'errors-alarm', {
      provider,
      alarmName: `${props.functionName}-errors`,
      alarmDescription: `${props.functionName} failed: a response or evaluation did not complete. See the log group /aws/lambda/${props.functionName}.`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: fn.functionName },
      statistic: 'Sum',
      topicArn: props.alarmTopicArn,
      tags,
    });
  }
}
