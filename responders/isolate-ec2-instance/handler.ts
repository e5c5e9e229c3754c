import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { validateCaseId } from '../core/case-id';
import { parseConfigRuleEvent, putEvaluation, type Judgement } from '../core/config-rule';
import {
  evidenceNotice,
  notifyTopicFromEnv,
  publishNotice,
  type ResponseNotice,
} from '../core/notify';
import { chooseEvidenceStore } from '../core/plumbing';
import { respond } from '../core/respond';
import { S3EvidenceStore, evidenceBucketRegion } from '../core/evidence';
import { evaluateQuarantine } from './config-rule';
import { parseConfigRemediationEvent, parseGuardDutyEvent, type IsolationEvent } from './events';
import type { IsolationOptions } from './plan';
import { readQuarantineRequest, type ReadRequest } from './read';
import { isolationResponder } from './responder';

/**
 * What a handler returns: small, so that SSM Automation can select from it (`$.Payload`).
 */
export interface IsolationResult {
  readonly instanceId: string;
  readonly caseId: string;
  readonly dryRun: boolean;
  readonly outcome: string;
  readonly runId: string;
  /** How contained the instance is (soft, hard, none needed), from the plan. */
  readonly containment: string;
  readonly steps: readonly { readonly id: string; readonly status: string }[];
  readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  readonly notes: readonly string[];
  readonly evidence: string | null;
  /** What the notice says of the evidence: the chain head, or why it is not in the bucket. */
  readonly custody: ReturnType<typeof evidenceNotice>;
}

/** An isolation that failed a step or a post-condition: thrown so that Lambda and Config retry it. */
export class IsolationFailedError extends Error {
  override readonly name = 'IsolationFailedError';

  constructor(readonly result: IsolationResult) {
    const failed = [
      ...result.steps.filter((step) => step.status === 'failed').map((step) => step.id),
      ...result.verification.filter((check) => !check.ok).map((check) => check.check),
    ];
    super(
      `isolation of ${result.instanceId} for case ${result.caseId} ${result.outcome === 'failed' ? 'failed' : 'did not verify'}: ${failed.join(', ') || 'see the run record'}`,
    );
  }
}

// One set of clients and one rate limiter per Lambda container: warm invocations reuse them.
let shared: { aws: AwsClients; limiter: RateLimiter } | undefined;

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError(
    `environment variable ${name} must be "true" or "false", got ${JSON.stringify(value)}`,
  );
}

/** The function's configuration, validated before any AWS call. */
interface Settings {
  readonly dryRun: boolean;
  readonly read: Pick<
    ReadRequest,
    'quarantineProfileName' | 'revokeRoleSessions' | 'lockSnapshots' | 'naclHardCut'
  >;
  readonly options: Omit<IsolationOptions, 'captureMemory' | 'now'>;
  readonly captureMemory: boolean;
  readonly evidenceBucket?: string;
  readonly notifyTopicArn?: string;
  readonly defaultRegion?: string;
}

/**
 * The response, configured from the function's environment:
 * - PYJAMAS_ENFORCE=true to act; anything else plans and records nothing (dry run).
 * - PYJAMAS_EVIDENCE_BUCKET: the evidence bucket; default the one tagged pyjamas:component=evidence-bucket.
 * - PYJAMAS_NOTIFY_TOPIC_ARN: SNS topic told what each response did; default nobody.
 * - PYJAMAS_ASG_ACTION: standby (default) or detach.
 * - PYJAMAS_QUARANTINE_PROFILE: quarantine instance profile name; default pyjamas-quarantine.
 * - PYJAMAS_DISASSOCIATE_EIPS, PYJAMAS_REVOKE_ROLE_SESSIONS, PYJAMAS_CAPTURE_MEMORY, PYJAMAS_NACL_HARD_CUT: "true" to turn on.
 * - PYJAMAS_LOCK_SNAPSHOT_DAYS: lock snapshots for this many days.
 * - AWS_REGION (set by Lambda): the region when the event names none.
 */
function settingsOf(env: NodeJS.ProcessEnv): Settings {
  const asgAction = env.PYJAMAS_ASG_ACTION ?? 'standby';
  if (asgAction !== 'standby' && asgAction !== 'detach')
    throw new UsageError(
      `PYJAMAS_ASG_ACTION must be standby or detach, got ${JSON.stringify(asgAction)}`,
    );
  const lockDays = env.PYJAMAS_LOCK_SNAPSHOT_DAYS
    ? Number(env.PYJAMAS_LOCK_SNAPSHOT_DAYS)
    : undefined;
  if (
    lockDays !== undefined &&
    (!Number.isInteger(lockDays) || lockDays < 1 || lockDays > 36_500)
  ) {
    throw new UsageError(
      `PYJAMAS_LOCK_SNAPSHOT_DAYS must be a whole number of days from 1 to 36500, got ${JSON.stringify(env.PYJAMAS_LOCK_SNAPSHOT_DAYS)}`,
    );
  }
  const revokeRoleSessions = flag(env, 'PYJAMAS_REVOKE_ROLE_SESSIONS');
  const naclHardCut = flag(env, 'PYJAMAS_NACL_HARD_CUT');
  const notifyTopicArn = notifyTopicFromEnv(env);
  return {
    dryRun: env.PYJAMAS_ENFORCE !== 'true',
    read: {
      ...(env.PYJAMAS_QUARANTINE_PROFILE
        ? { quarantineProfileName: env.PYJAMAS_QUARANTINE_PROFILE }
        : {}),
      revokeRoleSessions,
      lockSnapshots: lockDays !== undefined,
      naclHardCut,
    },
    options: {
      asgAction,
      disassociateEips: flag(env, 'PYJAMAS_DISASSOCIATE_EIPS'),
      revokeRoleSessions,
      ...(lockDays !== undefined ? { lockSnapshotDays: lockDays } : {}),
      naclHardCut,
    },
    captureMemory: flag(env, 'PYJAMAS_CAPTURE_MEMORY'),
    ...(env.PYJAMAS_EVIDENCE_BUCKET ? { evidenceBucket: env.PYJAMAS_EVIDENCE_BUCKET } : {}),
    ...(notifyTopicArn ? { notifyTopicArn } : {}),
    ...(env.AWS_REGION ? { defaultRegion: env.AWS_REGION } : {}),
  };
}

function clients(): { aws: AwsClients; limiter: RateLimiter } {
  shared ??= { aws: new AwsClients(), limiter: new RateLimiter(EC2_MUTATION_BUCKETS) };
  return shared;
}

const log = (line: string) => console.log(line);

/**
 * Validates the event and the settings (nothing is called before both are good), runs the
 * response, and tells the notification topic what it did, or why it could not.
 */
async function handle(
  parse: () => IsolationEvent,
  env: NodeJS.ProcessEnv,
): Promise<IsolationResult> {
  const parsed = parse();
  const settings = settingsOf(env);
  const region = parsed.region ?? settings.defaultRegion;
  if (!region) throw new UsageError('the event names no region and AWS_REGION is not set');
  const { aws } = clients();
  const notify = (notice: ResponseNotice) =>
    settings.notifyTopicArn
      ? publishNotice(aws, settings.notifyTopicArn, notice, log)
      : Promise.resolve();
  let event = parsed;
  try {
    event = await caseOf(parsed, aws, region);
    const result = await isolate(event, settings, region);
    await notify({
      responder: 'isolate-ec2-instance',
      target: result.instanceId,
      caseId: result.caseId,
      dryRun: result.dryRun,
      outcome: result.outcome,
      trigger: event.trigger,
      runId: result.runId,
      containment: result.containment,
      ...result.custody,
      failures: [
        ...result.steps.filter((step) => step.status === 'failed').map((step) => `step ${step.id}`),
        ...result.verification.filter((check) => !check.ok).map((check) => `check ${check.check}`),
      ],
    });
    if (result.outcome === 'failed' || result.verification.some((check) => !check.ok))
      throw new IsolationFailedError(result);
    return result;
  } catch (error) {
    if (!(error instanceof IsolationFailedError)) {
      const { name, message } = summarizeAwsError(error);
      await notify({
        responder: 'isolate-ec2-instance',
        target: event.instanceId,
        caseId: event.caseId,
        dryRun: settings.dryRun,
        outcome: 'error',
        trigger: event.trigger,
        error: `${name}: ${message}`,
      });
    }
    throw error;
  }
}

/** The event with the case its instance's `pyjamas:quarantine` tag names, when it should. */
async function caseOf(
  event: IsolationEvent,
  aws: AwsClients,
  region: string,
): Promise<IsolationEvent> {
  if (!event.caseFromTag) return event;
  const requested = await readQuarantineRequest(aws, region, event.instanceId);
  if (!requested) return event;
  try {
    return { ...event, caseId: validateCaseId(requested) };
  } catch (error) {
    throw new UsageError(
      `the ${RESPONSE_TAGS.quarantine} tag of ${event.instanceId} must name the case: ${(error as Error).message}`,
    );
  }
}

async function isolate(
  event: IsolationEvent,
  settings: Settings,
  region: string,
): Promise<IsolationResult> {
  const { aws, limiter } = clients();
  const globalRegion = globalRegionOf(partitionOfRegion(region));
  const evidence = await chooseEvidenceStore({
    aws,
    clock: systemClock,
    region,
    globalRegion,
    ...(settings.evidenceBucket ? { bucket: settings.evidenceBucket } : {}),
  });
  const evidenceRegion = evidenceBucketRegion(evidence);
  const capture =
    settings.captureMemory && evidence instanceof S3EvidenceStore && evidenceRegion
      ? { bucket: evidence.bucket, bucketRegion: evidenceRegion }
      : undefined;
  const read: ReadRequest = {
    instanceId: event.instanceId,
    region,
    caseId: event.caseId,
    ...settings.read,
    ...(capture ? { memoryCapture: capture } : {}),
  };
  const options: IsolationOptions = {
    ...settings.options,
    // The handler only starts the capture: aws:invokeLambdaFunction gives it 300 s at most.
    ...(capture
      ? { captureMemory: { bucketRegion: capture.bucketRegion, timeoutSeconds: 3600 } }
      : {}),
    now: systemClock.now(),
  };
  const response = await respond(isolationResponder({ aws, clock: systemClock, read, options }), {
    aws,
    clock: systemClock,
    dryRun: settings.dryRun,
    trigger: event.trigger,
    region,
    evidence,
    limiter,
  });
  const { record } = response;
  const containment = response.plan.notes.find((note) => note.startsWith('containment: '));
  return {
    instanceId: event.instanceId,
    caseId: event.caseId,
    dryRun: settings.dryRun,
    outcome: record.outcome,
    runId: record.runId,
    containment: containment ? containment.slice('containment: '.length) : 'unknown',
    steps: record.steps.map((step) => ({ id: step.id, status: step.status })),
    verification: record.verification.map((result) => ({ check: result.check, ok: result.ok })),
    notes: record.notes,
    evidence: response.evidence
      ? `${response.evidence.location}/${response.evidence.manifestKey}`
      : null,
    custody: evidenceNotice(response),
  };
}

/**
 * EventBridge target for GuardDuty findings about EC2 instances (rule pattern: source
 * aws.guardduty, detail-type "GuardDuty Finding", detail.resource.resourceType "Instance").
 * Malformed events are rejected before any AWS call. Throws {@link IsolationFailedError} when a
 * step or a post-condition failed, so that Lambda retries and the error alarm fires.
 */
export async function guardDutyHandler(event: unknown): Promise<IsolationResult> {
  return handle(() => parseGuardDutyEvent(event), process.env);
}

/**
 * Target of the SSM Automation document an AWS Config remediation runs
 * (`aws:invokeLambdaFunction` with InputPayload `{ "ResourceId": "{{ InstanceId }}" }`). Without
 * a CaseId the case comes from the instance's `pyjamas:quarantine` tag. Returns within the
 * step's 300 s: long work (snapshot completion, memory capture) is only started. Throws when a
 * step or a post-condition failed, so that the step fails and Config retries.
 */
export async function configRemediationHandler(event: unknown): Promise<IsolationResult> {
  return handle(() => parseConfigRemediationEvent(event), process.env);
}

/**
 * Evaluator of the custom Config rule "an instance tagged `pyjamas:quarantine` is isolated"
 * (AWS::EC2::Instance, configuration-change trigger): judges the live instance and reports to
 * Config. Its NON_COMPLIANT verdicts start the rule's automatic remediation.
 */
export async function configRuleHandler(event: unknown): Promise<Judgement> {
  const invocation = parseConfigRuleEvent(event, 'AWS::EC2::Instance');
  const region = process.env.AWS_REGION;
  if (!region) throw new UsageError('AWS_REGION is not set');
  const { aws } = clients();
  const judgement = invocation.gone
    ? {
        compliance: 'NOT_APPLICABLE' as const,
        annotation: 'The instance was deleted or left the rule scope.',
      }
    : await evaluateQuarantine(aws, region, invocation.resourceId);
  await putEvaluation(aws, region, invocation, judgement);
  return judgement;
}
