import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { allSettledOrFirstError } from '../../lib/concurrency';
import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import { describeAwsError } from '../../lib/aws/errors';
import { caseRunsPrefix } from './custody-chain';
import type { Artifact, EvidenceStore } from './evidence';
import { executePlan, type Execution, type ExecutionDeadline } from './execute';
import {
  RUN_RECORD_FORMAT,
  RUN_START_FORMAT,
  newRunId,
  type RunRecord,
  type RunStart,
  type Trigger,
  type VerificationResult,
} from './record';
import { RunFiling, type FiledEvidence } from './run-filing';
import type { Outcome, Plan, StepRecord, StepRunners } from './step';

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
  /**
   * What the run-start record keeps of the target before anything changes.
   *
   * @default - the whole description
   */
  preState?(description: Description): unknown;
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
  /**
   * Where the record goes when the evidence store refuses it (a local case folder for the CLI).
   * Without one (a Lambda function) a refused record is not filed, and the response says so.
   */
  readonly fallbackEvidence?: EvidenceStore;
  /** Told at once when the evidence store refuses a write, before the run goes on. */
  readonly onEvidenceProblem?: (problem: string) => void;
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
  /** Where the run was filed and the chain head it made; undefined when nothing was filed. */
  readonly evidence?: FiledEvidence;
  /**
   * Why the evidence is not (all) where it should be: each refusal with its AWS service, code and
   * message. Non-empty makes a successful run `degraded`.
   */
  readonly evidenceProblems: readonly string[];
}

/**
 * read → plan → (approve) → file the start → execute → verify → record. The original state and
 * the plan are filed before the first step is sent; the record is filed even when a step failed.
 * Once a step was sent nothing throws: a verification, artifact or evidence failure becomes part
 * of the record (and makes a successful run `degraded`), so a response that changed the account
 * always reports what it did. A dry run or a declined plan sends nothing, verifies nothing and
 * files nothing.
 */
export async function respond<Description>(
  responder: Responder<Description>,
  options: RespondOptions,
): Promise<Response> {
  const { aws, clock } = options;
  const startedAt = clock.now().toISOString();
  const runId = newRunId(clock, responder.name);
  const read = () =>
    allSettledOrFirstError([
      aws.get(STSClient, options.region).send(new GetCallerIdentityCommand({})),
      responder.describe(),
    ]);
  // Runs sharing a limiter read in turns, so the first of many reach their changes early.
  const [identity, description] = await (options.limiter ? options.limiter.read(read) : read());
  const plan = responder.plan(description);
  options.onPlan?.(plan);
  const declined =
    !options.dryRun &&
    plan.steps.length > 0 &&
    options.approve !== undefined &&
    !(await options.approve(plan));
  const sent = !options.dryRun && !declined;
  const runPrefix = `${caseRunsPrefix(plan.caseId)}${runId}/`;
  const actor = identity.Arn ?? 'unknown';
  const filing =
    sent && options.evidence
      ? new RunFiling(options.evidence, options.fallbackEvidence, options.onEvidenceProblem)
      : undefined;
  let filed: Promise<void> | undefined;
  if (filing) {
    const start = (): RunStart => ({
      format: RUN_START_FORMAT,
      version: 1,
      runId,
      responder: responder.name,
      caseId: plan.caseId,
      target: plan.target,
      actor,
      trigger: options.trigger,
      startedAt,
      plan: plan.steps,
      notes: plan.notes,
      preState: responder.preState ? responder.preState(description) : description,
      custody: filing.custody(),
    });
    // Filed before the first change: the executor changes nothing until this settles (only
    // the reads of the first steps go out beside it).
    filed = filing.file(`${runPrefix}run-start.json`, () => jsonBody(start()), 'application/json');
  }
  const execution = await executePlan(plan, {
    aws,
    clock,
    runners: responder.runners,
    dryRun: !sent,
    ...(filed ? { mayChange: filed } : {}),
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  });
  const verification = sent ? await verifySafely(responder, description, execution) : [];
  const notes = [...plan.notes];
  let artifacts: Artifact[] = [];
  let artifactsMissing = false;
  if (filing) {
    try {
      artifacts = await responder.artifacts(description, execution);
    } catch (error) {
      artifactsMissing = true;
      notes.push(`The run's artifacts could not be gathered: ${describeAwsError(error)}.`);
    }
  }
  const finishedAt = clock.now().toISOString();
  const outcome = (): Outcome => {
    if (declined) return 'declined';
    const troubled = (filing?.problems.length ?? 0) > 0 || artifactsMissing;
    return execution.outcome === 'succeeded' && troubled ? 'degraded' : execution.outcome;
  };
  const record = (): RunRecord => ({
    format: RUN_RECORD_FORMAT,
    version: 1,
    runId,
    responder: responder.name,
    caseId: plan.caseId,
    target: plan.target,
    actor,
    trigger: options.trigger,
    dryRun: options.dryRun,
    startedAt,
    finishedAt,
    outcome: outcome(),
    ...(execution.exposed ? { exposed: execution.exposed } : {}),
    ...(execution.stoppedBy ? { stoppedBy: execution.stoppedBy } : {}),
    notes,
    steps: execution.steps,
    verification,
    ...(filing ? { custody: filing.custody() } : {}),
  });
  if (!filing) return { record: record(), plan, evidenceProblems: [] };
  const encoder = new TextEncoder();
  for (const artifact of artifacts) {
    await filing.file(
      `${runPrefix}artifacts/${artifact.name}`,
      () => (typeof artifact.body === 'string' ? encoder.encode(artifact.body) : artifact.body),
      artifact.contentType,
    );
  }
  await filing.file(`${runPrefix}run-record.json`, () => jsonBody(record()), 'application/json');
  const evidence = await filing.seal(plan.caseId, runId, clock);
  return {
    record: record(),
    plan,
    ...(evidence ? { evidence } : {}),
    evidenceProblems: filing.problems,
  };
}

function jsonBody(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** A verification that could not read the target is a failed post-condition, not a crash. */
async function verifySafely<Description>(
  responder: Responder<Description>,
  description: Description,
  execution: Execution,
): Promise<VerificationResult[]> {
  try {
    return await responder.verify(description, execution);
  } catch (error) {
    return [
      {
        check: 'verification',
        ok: false,
        detail: `the target could not be read back: ${describeAwsError(error)}`,
      },
    ];
  }
}
