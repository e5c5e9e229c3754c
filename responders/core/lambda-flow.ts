import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients, globalRegionOf, isRegionName, partitionOfRegion } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { RESPONSE_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import { validateBucketName } from '../../lib/aws/names';
import { systemClock, type Clock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import type { EvidenceStore } from './evidence';
import { evidenceNotice, notifyTopicFromEnv, publishNotice, type ResponseNotice } from './notify';
import { chooseEvidenceStore } from './plumbing';
import type { Trigger } from './record';
import type { RespondOptions, Response } from './respond';

/**
 * The one path every responder takes when it runs as a Lambda function: settings from the
 * environment, the account check, one evidence-store policy, respond, log, notify, and one error
 * for a run that failed. A handler only parses its event and builds its responder.
 */

/** The parts of the Lambda context object the flow reads; tests may pass nothing. */
export interface LambdaContext {
  /** `arn:<partition>:lambda:<region>:<account>:function:<name>[:<alias>]`: names the function's account. */
  readonly invokedFunctionArn?: string;
  /** Milliseconds left before Lambda stops the invocation. */
  getRemainingTimeInMillis?(): number;
}

/** An event that cannot or must not be acted on: rejected before anything is changed. */
export class InvalidEventError extends UsageError {
  override readonly name: string = 'InvalidEventError';
}

/**
 * What every deployed responder reads from its environment:
 * - `PYJAMAS_ENFORCE`: `true` to act; `false` or unset plans and records nothing (dry run).
 * - `PYJAMAS_EVIDENCE_BUCKET`: the evidence bucket; default the one tagged
 *   `pyjamas:component=evidence-bucket`.
 * - `PYJAMAS_EVIDENCE_BUCKET_OWNER`: the account that owns it; default the function's own. A
 *   member of an organization that files in the central bucket names the security account here,
 *   and its evidence goes under `cases/<own account>/`.
 * - `PYJAMAS_NOTIFY_TOPIC_ARN`: SNS topic told what each response did; default nobody.
 * - `AWS_REGION`: set by Lambda in every function; required.
 */
export interface LambdaSettings {
  readonly dryRun: boolean;
  /** The function's region (`AWS_REGION`). */
  readonly region: string;
  readonly evidenceBucket?: string;
  readonly evidenceBucketOwner?: string;
  readonly notifyTopicArn?: string;
}

/**
 * A `true`/`false` switch of the environment; unset or empty is false.
 *
 * @throws UsageError for any other value, so that a typo never silently turns a switch off
 */
export function envFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError(
    `environment variable ${name} must be "true" or "false", got ${JSON.stringify(value)}`,
  );
}

/**
 * The function's region. Lambda sets `AWS_REGION` in every function, so its absence means the
 * code runs somewhere else: refused rather than guessed, since a guessed region acts elsewhere.
 *
 * @throws UsageError when AWS_REGION is unset or not a region name
 */
export function functionRegion(env: NodeJS.ProcessEnv): string {
  const region = env.AWS_REGION;
  if (!region)
    throw new UsageError(
      'AWS_REGION is not set: Lambda sets it in every function; set it to the region to act in when running the handler elsewhere',
    );
  if (!isRegionName(region))
    throw new UsageError(`AWS_REGION ${JSON.stringify(region)} is not a region name`);
  return region;
}

/**
 * The settings of {@link LambdaSettings} from `env`, validated before any AWS call.
 *
 * @throws UsageError naming the variable that is wrong
 */
export function lambdaSettings(env: NodeJS.ProcessEnv): LambdaSettings {
  const notifyTopicArn = notifyTopicFromEnv(env);
  return {
    dryRun: !envFlag(env, 'PYJAMAS_ENFORCE'),
    region: functionRegion(env),
    ...(env.PYJAMAS_EVIDENCE_BUCKET
      ? {
          evidenceBucket: validateBucketName(
            env.PYJAMAS_EVIDENCE_BUCKET,
            'PYJAMAS_EVIDENCE_BUCKET',
          ),
        }
      : {}),
    ...(env.PYJAMAS_EVIDENCE_BUCKET_OWNER
      ? { evidenceBucketOwner: accountFromEnv(env.PYJAMAS_EVIDENCE_BUCKET_OWNER) }
      : {}),
    ...(notifyTopicArn ? { notifyTopicArn } : {}),
  };
}

function accountFromEnv(value: string): string {
  if (!/^\d{12}$/.test(value))
    throw new UsageError(
      `environment variable PYJAMAS_EVIDENCE_BUCKET_OWNER must be a 12-digit account id, got ${JSON.stringify(value)}`,
    );
  return value;
}

/**
 * The account a GuardDuty finding is about: `detail.accountId` (the resource's account; a
 * delegated administrator receives its members' findings), else the event's `account`.
 *
 * @throws InvalidEventError when the finding names an account in another form than 12 digits
 */
export function findingAccount(
  envelope: Readonly<Record<string, unknown>>,
  detail: Readonly<Record<string, unknown>>,
): string | undefined {
  const account = detail.accountId ?? envelope.account;
  if (account === undefined) return undefined;
  if (typeof account !== 'string' || !/^\d{12}$/.test(account))
    throw new InvalidEventError(
      `the GuardDuty finding's account ${JSON.stringify(account)} is not a 12-digit AWS account id`,
    );
  return account;
}

/** What an event asks a responder to act on, once parsed (and resolved, when it needs a read). */
export interface LambdaRequest {
  /** The instance, key or user acted on, as notices name it. */
  readonly target: string;
  /** The case; undefined until resolved when the event does not name it. */
  readonly caseId?: string;
  readonly trigger: Trigger;
  /** The target's region. @default - the function's region */
  readonly region?: string;
  /**
   * The account the event is about (a GuardDuty finding's `accountId`). A function acts only on
   * its own account, so a request about another is refused.
   */
  readonly account?: string;
}

/** What a handler returns (the SSM step's `Payload`) and logs as one JSON line. */
export interface LambdaResult {
  readonly responder: string;
  readonly target: string;
  readonly caseId: string;
  readonly runId: string;
  readonly dryRun: boolean;
  /** The run's outcome; `degraded` when the run succeeded but no evidence could be filed. */
  readonly outcome: string;
  /** How contained the target is, in one sentence. */
  readonly containment: string;
  readonly steps: readonly {
    readonly id: string;
    readonly status: string;
    readonly error?: string;
  }[];
  readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  readonly notes: readonly string[];
  /** `s3://bucket/…/manifest.json` of the filed evidence. */
  readonly evidence?: string;
  /** Why no evidence was filed, when none could be. */
  readonly evidenceProblem?: string;
  /** What the run left more exposed than it found it (outcome `exposed`), e.g. interface ids. */
  readonly exposed?: readonly string[];
}

/** A run that failed (a step, or a post-condition): thrown so that Lambda and Config retry it. */
export class ResponseFailedError<Result extends LambdaResult = LambdaResult> extends Error {
  override readonly name = 'ResponseFailedError';

  constructor(readonly result: Result) {
    super(
      `${result.responder} of ${result.target} for case ${result.caseId} ${result.outcome === 'failed' || result.outcome === 'exposed' ? result.outcome : 'did not verify'}${result.exposed ? ` (EXPOSED: ${result.exposed.join(', ')})` : ''}: ${describeFailures(result)}`,
    );
  }
}

function failures(result: LambdaResult): string[] {
  return [
    ...result.steps
      .filter((step) => step.status === 'failed')
      .map((step) => `step ${step.id}${step.error ? ` (${step.error})` : ''}`),
    ...result.verification.filter((check) => !check.ok).map((check) => `check ${check.check}`),
  ];
}

function describeFailures(result: LambdaResult): string {
  return failures(result).join(', ') || 'see the run record';
}

/** What the flow hands a responder's `run`: everything it needs to call `respond()`. */
export interface LambdaRun {
  readonly aws: AwsClients;
  readonly clock: Clock;
  readonly settings: LambdaSettings;
  /** The target's region. */
  readonly region: string;
  /** Where the evidence goes; undefined when no store could be found (the run goes on). */
  readonly evidence?: EvidenceStore;
  /** The options of `respond()` the flow decides; the responder adds its own (a rate limiter). */
  readonly respondOptions: RespondOptions;
  readonly context?: LambdaContext;
  /** Milliseconds left to the invocation; undefined when the context cannot say (tests). */
  readonly remainingMs?: () => number;
}

/** What a responder's `run` gives back: the response and what the result says of it. */
export interface LambdaRunOutput<Extra> {
  readonly response: Response;
  /** How contained the target is, in one sentence. */
  readonly containment: string;
  /** Fields of the result only this responder has. */
  readonly extra: Extra;
}

/** One Lambda invocation of a responder. */
export interface LambdaInvocation<
  Parsed extends LambdaRequest,
  Request extends LambdaRequest,
  Extra,
> {
  /** The responder's name, as notices and logs give it. */
  readonly responder: string;
  /** Parses the event; throws {@link InvalidEventError} before any AWS call. */
  readonly parse: () => Parsed;
  /** The environment; read after the event is parsed and before any AWS call. */
  readonly env: NodeJS.ProcessEnv;
  readonly context?: LambdaContext;
  /**
   * Resolves the parsed request, with read-only calls when it needs them (a tag naming the case
   * or the key); {@link asParsed} when it needs none.
   */
  readonly resolve: (parsed: Parsed, aws: AwsClients, settings: LambdaSettings) => Promise<Request>;
  /** Runs the responder. */
  readonly run: (request: Request, run: LambdaRun) => Promise<LambdaRunOutput<Extra>>;
  /** @default - one client factory per execution environment, and the system clock */
  readonly deps?: {
    readonly aws?: AwsClients;
    readonly clock?: Clock;
    readonly log?: (line: string) => void;
  };
}

/** The `resolve` of a request that needs nothing read before the run. */
export function asParsed<Request extends LambdaRequest>(request: Request): Promise<Request> {
  return Promise.resolve(request);
}

// One client factory per Lambda execution environment: warm invocations reuse its clients.
let containerClients: AwsClients | undefined;

/**
 * Runs one invocation: parse → settings → account check → resolve → evidence store → run → log →
 * notify. The topic hears of every response and of every refusal after parsing; a failed run
 * throws {@link ResponseFailedError} after the notice, so that Lambda, Config and the error alarm
 * see it. No evidence store (the bucket missing, several tagged, the lookup denied) never blocks
 * containment: the run goes on, and its result and notice say why nothing was filed.
 */
export async function runLambdaResponse<
  Parsed extends LambdaRequest,
  Request extends LambdaRequest,
  Extra extends object,
>(invocation: LambdaInvocation<Parsed, Request, Extra>): Promise<LambdaResult & Extra> {
  const parsed = invocation.parse();
  const settings = lambdaSettings(invocation.env);
  const aws =
    invocation.deps?.aws ??
    (containerClients ??= new AwsClients({ retryPolicy: RESPONSE_RETRY_POLICY }));
  const clock = invocation.deps?.clock ?? systemClock;
  const log = invocation.deps?.log ?? ((line: string) => console.log(line));
  const notify = (notice: ResponseNotice) =>
    settings.notifyTopicArn
      ? publishNotice(aws, settings.notifyTopicArn, notice, log)
      : Promise.resolve();
  let request: LambdaRequest = parsed;
  try {
    // Before any read of the target: a request about another account is not looked at here.
    await refuseOtherAccount(parsed, aws, settings, invocation.context);
    const resolved = await invocation.resolve(parsed, aws, settings);
    request = resolved;
    const region = request.region ?? settings.region;
    const { evidence, evidenceProblem } = await evidenceFor(aws, clock, settings, region);
    const output = await invocation.run(resolved, {
      aws,
      clock,
      settings,
      region,
      ...(evidence ? { evidence } : {}),
      respondOptions: {
        aws,
        clock,
        dryRun: settings.dryRun,
        trigger: request.trigger,
        region,
        ...(evidence ? { evidence } : {}),
      },
      ...(invocation.context ? { context: invocation.context } : {}),
      ...remainingTimeOf(invocation.context),
    });
    const result = {
      ...resultOf(invocation.responder, request, output, evidenceProblem),
      ...output.extra,
    };
    log(JSON.stringify({ level: 'info', msg: `${invocation.responder} response`, ...result }));
    await notify({
      responder: invocation.responder,
      target: result.target,
      caseId: result.caseId,
      dryRun: result.dryRun,
      outcome: result.outcome,
      trigger: request.trigger,
      runId: result.runId,
      containment: result.containment,
      ...evidenceNotice(output.response),
      ...(evidenceProblem
        ? { evidenceProblems: [evidenceProblem, ...output.response.evidenceProblems] }
        : {}),
      ...(result.exposed ? { exposed: result.exposed } : {}),
      failures: failures(result),
    });
    if (
      result.outcome === 'failed' ||
      result.outcome === 'exposed' ||
      result.verification.some((check) => !check.ok)
    )
      throw new ResponseFailedError(result);
    return result;
  } catch (error) {
    if (!(error instanceof ResponseFailedError)) {
      const { name, message } = summarizeAwsError(error);
      await notify({
        responder: invocation.responder,
        target: request.target,
        ...(request.caseId ? { caseId: request.caseId } : {}),
        dryRun: settings.dryRun,
        outcome: 'error',
        trigger: request.trigger,
        error: `${name}: ${message}`,
      });
    }
    throw error;
  }
}

/** The account of a function ARN, or undefined when `arn` is not one. */
export function accountOfFunctionArn(arn: string | undefined): string | undefined {
  return /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):function:/.exec(arn ?? '')?.[1];
}

/**
 * Refuses a request about another account than the function's: a delegated GuardDuty
 * administrator receives its members' findings, and acting on them here would change a resource
 * of the same id in this account, or half-act and fail. The function's account comes from the
 * context's function ARN, else from STS.
 *
 * @throws InvalidEventError naming both accounts
 */
async function refuseOtherAccount(
  request: LambdaRequest,
  aws: AwsClients,
  settings: LambdaSettings,
  context: LambdaContext | undefined,
): Promise<void> {
  if (request.account === undefined) return;
  const own =
    accountOfFunctionArn(context?.invokedFunctionArn) ??
    (await aws.get(STSClient, settings.region).send(new GetCallerIdentityCommand({}))).Account;
  if (own === undefined || own === request.account) return;
  throw new InvalidEventError(
    `${request.trigger.source} event ${request.trigger.id ?? ''} is about ${request.target} in account ${request.account}, ` +
      `but this function runs in account ${own} and acts on its own account only: nothing was changed. ` +
      `Deploy the automatic response in account ${request.account}, or respond there with the pyjamas CLI.`,
  );
}

async function evidenceFor(
  aws: AwsClients,
  clock: Clock,
  settings: LambdaSettings,
  region: string,
): Promise<{ readonly evidence?: EvidenceStore; readonly evidenceProblem?: string }> {
  try {
    return {
      evidence: await chooseEvidenceStore({
        aws,
        clock,
        region,
        globalRegion: globalRegionOf(partitionOfRegion(region)),
        ...(settings.evidenceBucket ? { bucket: settings.evidenceBucket } : {}),
        ...(settings.evidenceBucketOwner ? { bucketOwner: settings.evidenceBucketOwner } : {}),
      }),
    };
  } catch (error) {
    const { name, message } = summarizeAwsError(error);
    return {
      evidenceProblem: `no evidence filed: the evidence store could not be chosen (${name}: ${message})`,
    };
  }
}

function resultOf(
  responder: string,
  request: LambdaRequest,
  output: LambdaRunOutput<unknown>,
  evidenceProblem: string | undefined,
): LambdaResult {
  const { record, evidence } = output.response;
  // A run that contained the target but could file nothing is degraded: evidence is missing.
  const outcome =
    record.outcome === 'succeeded' && evidenceProblem && !record.dryRun
      ? 'degraded'
      : record.outcome;
  return {
    responder,
    target: request.target,
    caseId: record.caseId,
    runId: record.runId,
    dryRun: record.dryRun,
    outcome,
    containment: output.containment,
    steps: record.steps.map((step) => ({
      id: step.id,
      status: step.status,
      ...(step.error ? { error: `${step.error.name}: ${step.error.message}` } : {}),
    })),
    verification: record.verification.map((check) => ({ check: check.check, ok: check.ok })),
    notes: record.notes,
    ...(evidence ? { evidence: `${evidence.location}/${evidence.manifestKey}` } : {}),
    ...(evidenceProblem ? { evidenceProblem } : {}),
    ...(record.exposed ? { exposed: record.exposed } : {}),
  };
}

function remainingTimeOf(context: LambdaContext | undefined): { remainingMs?: () => number } {
  if (!context?.getRemainingTimeInMillis) return {};
  return { remainingMs: () => context.getRemainingTimeInMillis?.() ?? 0 };
}
