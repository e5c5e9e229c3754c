import { AwsClients } from '../../lib/aws/clients';
import { validateInstanceProfileName } from '../../lib/aws/names';
import { UsageError } from '../../lib/errors';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { validateCaseId } from '../core/case-id';
import { parseConfigRuleEvent, putEvaluation, type Judgement } from '../core/config-rule';
import { S3EvidenceStore } from '../core/evidence';
import {
  envFlag,
  functionRegion,
  runLambdaResponse,
  type LambdaContext,
  type LambdaResult,
  type LambdaRun,
  type LambdaRunOutput,
} from '../core/lambda-flow';
import { respond } from '../core/respond';
import { evaluateQuarantine } from './config-rule';
import { parseConfigRemediationEvent, parseGuardDutyEvent, type IsolationEvent } from './events';
import { RESPONDER, type IsolationOptions } from './plan';
import { readQuarantineRequest, type ReadRequest } from './read';
import { isolationResponder } from './responder';

/** What an isolation returns besides the common {@link LambdaResult} (SSM selects `$.Payload`). */
export interface IsolationExtra {
  readonly instanceId: string;
}

/** What a handler returns: small, so that SSM Automation can select from it (`$.Payload`). */
export type IsolationResult = LambdaResult & IsolationExtra;

// One rate limiter per Lambda container: warm invocations share the API buckets' state.
let limiter: RateLimiter | undefined;

/** The isolation choices of the function, validated before any AWS call. */
interface IsolationSettings {
  readonly read: Pick<
    ReadRequest,
    'quarantineProfileName' | 'revokeRoleSessions' | 'lockSnapshots' | 'naclHardCut'
  >;
  readonly options: Omit<IsolationOptions, 'captureMemory' | 'now'>;
  readonly captureMemory: boolean;
}

/**
 * The isolation choices, from the function's environment (see `LambdaSettings` for the
 * variables every responder reads):
 * - PYJAMAS_ASG_ACTION: detach (default) or standby (a Standby instance is still a group member).
 * - PYJAMAS_QUARANTINE_PROFILE: quarantine instance profile name; default pyjamas-quarantine when
 *   it exists, else the instance profile is disassociated.
 * - PYJAMAS_KEEP_INSTANCE_PROFILE: "true" to leave the instance profile as it is.
 * - PYJAMAS_DISASSOCIATE_EIPS, PYJAMAS_REVOKE_ROLE_SESSIONS, PYJAMAS_CAPTURE_MEMORY, PYJAMAS_NACL_HARD_CUT: "true" to turn on.
 * - PYJAMAS_LOCK_SNAPSHOT_DAYS: lock snapshots for this many days.
 */
function isolationSettings(env: NodeJS.ProcessEnv): IsolationSettings {
  const asgAction = env.PYJAMAS_ASG_ACTION ?? 'detach';
  if (asgAction !== 'standby' && asgAction !== 'detach')
    throw new UsageError(
      `PYJAMAS_ASG_ACTION must be detach or standby, got ${JSON.stringify(asgAction)}`,
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
  const revokeRoleSessions = envFlag(env, 'PYJAMAS_REVOKE_ROLE_SESSIONS');
  const naclHardCut = envFlag(env, 'PYJAMAS_NACL_HARD_CUT');
  return {
    read: {
      ...(env.PYJAMAS_QUARANTINE_PROFILE
        ? {
            quarantineProfileName: validateInstanceProfileName(
              env.PYJAMAS_QUARANTINE_PROFILE,
              'PYJAMAS_QUARANTINE_PROFILE',
            ),
          }
        : {}),
      revokeRoleSessions,
      lockSnapshots: lockDays !== undefined,
      naclHardCut,
    },
    options: {
      asgAction,
      disassociateEips: envFlag(env, 'PYJAMAS_DISASSOCIATE_EIPS'),
      revokeRoleSessions,
      keepInstanceProfile: envFlag(env, 'PYJAMAS_KEEP_INSTANCE_PROFILE'),
      ...(lockDays !== undefined ? { lockSnapshotDays: lockDays } : {}),
      naclHardCut,
    },
    captureMemory: envFlag(env, 'PYJAMAS_CAPTURE_MEMORY'),
  };
}

/** Parses the event and the settings (nothing is called before both are good), then isolates. */
function handle(
  parse: () => IsolationEvent,
  env: NodeJS.ProcessEnv,
  context: LambdaContext | undefined,
): Promise<IsolationResult> {
  return runLambdaResponse({
    responder: RESPONDER,
    parse: () => {
      const event = parse();
      return { ...event, settings: isolationSettings(env) };
    },
    env,
    ...(context ? { context } : {}),
    resolve: (event, aws, settings) => caseOf(event, aws, event.region ?? settings.region),
    run: isolate,
  });
}

/** The event with the case its instance's `pyjamas:quarantine` tag names, when it should. */
async function caseOf<Event extends IsolationEvent>(
  event: Event,
  aws: AwsClients,
  region: string,
): Promise<Event> {
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
  event: IsolationEvent & { readonly settings: IsolationSettings },
  run: LambdaRun,
): Promise<LambdaRunOutput<IsolationExtra>> {
  const { aws, clock, evidence, region } = run;
  const { settings } = event;
  const capture =
    settings.captureMemory && evidence instanceof S3EvidenceStore ? evidence : undefined;
  const read: ReadRequest = {
    instanceId: event.instanceId,
    region,
    caseId: event.caseId,
    ...settings.read,
    ...(capture ? { memoryCapture: capture } : {}),
    ...(evidence ? { records: [evidence] } : {}),
  };
  const options: IsolationOptions = {
    ...settings.options,
    // The handler only starts the capture: aws:invokeLambdaFunction gives it 300 s at most.
    ...(capture ? { captureMemory: { bucketRegion: capture.region, timeoutSeconds: 3600 } } : {}),
    now: clock.now(),
  };
  limiter ??= new RateLimiter(EC2_MUTATION_BUCKETS);
  // The executor watches the invocation's time, so that no window it opened outlives the run.
  const remaining = run.remainingMs;
  const response = await respond(
    isolationResponder({
      aws,
      clock,
      read,
      options,
      // The verification's re-reads leave the invocation time to file the record.
      ...(remaining ? { settle: { remainingMs: remaining } } : {}),
    }),
    {
      ...run.respondOptions,
      limiter,
      ...(remaining ? { deadline: { remainingMs: remaining } } : {}),
    },
  );
  const containment = response.plan.notes.find((note) => note.startsWith('containment: '));
  return {
    response,
    containment: containment ? containment.slice('containment: '.length) : 'unknown',
    extra: { instanceId: event.instanceId },
  };
}

/**
 * EventBridge target for GuardDuty findings about EC2 instances (rule pattern: source
 * aws.guardduty, detail-type "GuardDuty Finding", detail.resource.resourceType "Instance").
 * Malformed events are rejected before any AWS call. Throws {@link IsolationFailedError} when a
 * step or a post-condition failed, so that Lambda retries and the error alarm fires.
 */
export async function guardDutyHandler(
  event: unknown,
  context?: LambdaContext,
): Promise<IsolationResult> {
  return handle(() => parseGuardDutyEvent(event), process.env, context);
}

/**
 * Target of the SSM Automation document an AWS Config remediation runs
 * (`aws:invokeLambdaFunction` with InputPayload `{ "ResourceId": "{{ InstanceId }}" }`). Without
 * a CaseId the case comes from the instance's `pyjamas:quarantine` tag. Returns within the
 * step's 300 s: long work (snapshot completion, memory capture) is only started. Throws when a
 * step or a post-condition failed, so that the step fails and Config retries.
 */
export async function configRemediationHandler(
  event: unknown,
  context?: LambdaContext,
): Promise<IsolationResult> {
  return handle(() => parseConfigRemediationEvent(event), process.env, context);
}

/**
 * Evaluator of the custom Config rule "an instance tagged `pyjamas:quarantine` is isolated"
 * (AWS::EC2::Instance, configuration-change trigger): judges the live instance and reports to
 * Config. Its NON_COMPLIANT verdicts start the rule's automatic remediation.
 */
// The rule's evaluator is a function of its own; it reuses its clients across invocations.
let ruleClients: AwsClients | undefined;

export async function configRuleHandler(event: unknown): Promise<Judgement> {
  const invocation = parseConfigRuleEvent(event, 'AWS::EC2::Instance');
  const region = functionRegion(process.env);
  const aws = (ruleClients ??= new AwsClients());
  const judgement = invocation.gone
    ? {
        compliance: 'NOT_APPLICABLE' as const,
        annotation: 'The instance was deleted or left the rule scope.',
      }
    : await evaluateQuarantine(aws, region, invocation.resourceId);
  await putEvaluation(aws, region, invocation, judgement);
  return judgement;
}
