import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import type { Artifact, EvidenceStore } from './evidence';
import { writeRunEvidence } from './evidence';
import { executePlan, type Execution, type ExecutionDeadline } from './execute';
import {
  RUN_RECORD_FORMAT,
  newRunId,
  type RunRecord,
  type Trigger,
  type VerificationResult,
} from './record';
import type { Plan, StepRecord, StepRunners } from './step';

/** A responder's parts, as `respond` strings them together. */
export interface Responder<Description> {
  readonly name: string;
  /** Reads the target's current state once (read-only calls). */
  describe(): Promise<Description>;
  /** Pure: the ordered steps for this description. */
  plan(description: Description): Plan;
  readonly runners: StepRunners;
  /** Re-reads the target and checks the post-conditions. */
  verify(description: Description, execution: Execution): Promise<VerificationResult[]>;
  /** Files kept with the run, e.g. the pre-state. */
  artifacts(description: Description, execution: Execution): Promise<Artifact[]> | Artifact[];
}

/** How to run a responder. */
export interface RespondOptions {
  readonly aws: AwsClients;
  readonly clock: Clock;
  readonly dryRun: boolean;
  readonly trigger: Trigger;
  /** Region of the STS call naming the actor. */
  readonly region: string;
  /** Where the record goes; dry runs write nothing. */
  readonly evidence?: EvidenceStore;
  readonly limiter?: RateLimiter;
  /** Called with the plan before anything is sent, e.g. to print it. */
  readonly onPlan?: (plan: Plan) => void;
  /**
   * Asked once the plan is known and before anything is sent (not in dry runs, not for empty
   * plans): false ends the run as `declined`, with nothing sent and nothing filed.
   */
  readonly approve?: (plan: Plan) => Promise<boolean>;
  readonly onStep?: (record: StepRecord) => void;
  /** Time left, e.g. a Lambda invocation's: no stage starts that could not end in time. */
  readonly deadline?: ExecutionDeadline;
}

/** A finished response: its record and where the evidence went. */
export interface Response {
  readonly record: RunRecord;
  readonly plan: Plan;
  readonly evidence?: { readonly location: string; readonly manifestKey: string };
}

/**
 * read → plan → (approve) → execute → verify → record. The record is filed even when a step
 * failed; a dry run or a declined plan sends nothing, verifies nothing and files nothing.
 */
export async function respond<Description>(
  responder: Responder<Description>,
  options: RespondOptions,
): Promise<Response> {
  const { aws, clock } = options;
  const startedAt = clock.now().toISOString();
  const runId = newRunId(clock, responder.name);
  const [identity, description] = await Promise.all([
    aws.get(STSClient, options.region).send(new GetCallerIdentityCommand({})),
    responder.describe(),
  ]);
  const plan = responder.plan(description);
  options.onPlan?.(plan);
  const declined =
    !options.dryRun &&
    plan.steps.length > 0 &&
    options.approve !== undefined &&
    !(await options.approve(plan));
  const execution = await executePlan(plan, {
    aws,
    clock,
    runners: responder.runners,
    dryRun: options.dryRun || declined,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  });
  const sent = !options.dryRun && !declined;
  const verification = sent ? await responder.verify(description, execution) : [];
  const record: RunRecord = {
    format: RUN_RECORD_FORMAT,
    version: 1,
    runId,
    responder: responder.name,
    caseId: plan.caseId,
    target: plan.target,
    actor: identity.Arn ?? 'unknown',
    trigger: options.trigger,
    dryRun: options.dryRun,
    startedAt,
    finishedAt: clock.now().toISOString(),
    outcome: declined ? 'declined' : execution.outcome,
    ...(execution.exposed ? { exposed: execution.exposed } : {}),
    ...(execution.stoppedBy ? { stoppedBy: execution.stoppedBy } : {}),
    notes: plan.notes,
    steps: execution.steps,
    verification,
  };
  if (!sent || !options.evidence) return { record, plan };
  const artifacts = await responder.artifacts(description, execution);
  const { manifestKey } = await writeRunEvidence(options.evidence, { record, artifacts, clock });
  return { record, plan, evidence: { location: options.evidence.location, manifestKey } };
}
