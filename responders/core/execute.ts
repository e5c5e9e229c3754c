import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName, summarizeAwsError } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import type {
  ExposureWindow,
  Outcome,
  Plan,
  Step,
  StepInput,
  StepRecord,
  StepRef,
  StepRunners,
} from './step';

/**
 * Time left to the run, e.g. a Lambda invocation's `context.getRemainingTimeInMillis()`. The
 * executor starts no stage it could not finish in time, and no window it could not close (or
 * undo) in time.
 */
export interface ExecutionDeadline {
  /** Milliseconds left. */
  readonly remainingMs: () => number;
  /**
   * The longest one round trip may take, the SDK's retries included.
   *
   * @default DEFAULT_ROUND_TRIP_MS
   */
  readonly roundTripMs?: number;
}

/** How long one round trip may take with the SDK's adaptive retries (three attempts, backoff). */
export const DEFAULT_ROUND_TRIP_MS = 10_000;

/** What executing a plan needs. */
export interface ExecuteOptions {
  readonly aws: AwsClients;
  readonly runners: StepRunners;
  /** Print the plan's steps as `planned` and send nothing. */
  readonly dryRun: boolean;
  readonly clock: Clock;
  /** Shared between concurrent responses so bulk calls stay inside AWS's request buckets. */
  readonly limiter?: RateLimiter;
  /** Observes each step as it finishes, e.g. to print progress. */
  readonly onStep?: (record: StepRecord) => void;
  /** @default - no deadline */
  readonly deadline?: ExecutionDeadline;
}

/** The steps as executed and the overall outcome. */
export interface Execution {
  readonly outcome: Outcome;
  readonly steps: readonly StepRecord[];
  /** What stays exposed because a window could be neither closed nor undone (outcome `exposed`). */
  readonly exposed?: readonly string[];
  /** Why the run stopped before a stage it did not start, when the deadline stopped it. */
  readonly stoppedBy?: string;
}

type Outputs = Map<string, { readonly [key: string]: unknown }>;

/**
 * Runs a plan's steps in order, one AWS call each; consecutive steps of one stage are sent
 * together. An error listed in `alreadyDoneOn` counts as done. Any other error fails the step:
 * its fallback, if it has one, is sent and, when it succeeds, the run goes on degraded; else,
 * unless the step says `continue`, the run stops (after the rest of its stage answered) without
 * undoing earlier steps: every step is idempotent, so running the plan again resumes.
 *
 * The one exception is a window (a step's `opensWindow`): whatever stops the run, every window
 * that was opened is closed by its closing step or, when that fails, undone, before this returns;
 * a window that neither closes nor undoes makes the outcome `exposed`. An opening step that
 * failed counts as open (its call may have landed with the answer lost). Throttling and transient
 * errors are retried by the SDK clients (adaptive retry) before they reach here.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<Execution> {
  const outputs: Outputs = new Map();
  const records: StepRecord[] = [];
  const open = new Map<string, ExposureWindow>();
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const exposed: string[] = [];
  let stopped = false;
  let stoppedBy: string | undefined;
  let degraded = false;

  const send = (steps: readonly Step[]) =>
    Promise.all(
      steps.map(async (step) => {
        const record = await runStep(step, outputs, options);
        options.onStep?.(record);
        return record;
      }),
    );
  const succeeded = (record: StepRecord) => record.status !== 'failed';
  /** Undoes the windows whose closing step failed; what does not undo stays exposed. */
  const undo = async (windows: readonly ExposureWindow[]) => {
    const undone = await send(windows.map((window) => window.undo));
    windows.forEach((window, index) => {
      records.push(undone[index] as StepRecord);
      if (!succeeded(undone[index] as StepRecord)) exposed.push(window.exposes);
    });
  };

  for (const batch of batches(plan.steps)) {
    if (!options.dryRun && !stopped) {
      stoppedBy = deadlineProblem(batch, open.size > 0, options.deadline);
      stopped = stoppedBy !== undefined;
    }
    if (options.dryRun || stopped) {
      for (const step of batch) {
        const record: StepRecord = {
          ...identity(step),
          input: step.input,
          status: options.dryRun ? 'planned' : 'not-run',
        };
        records.push(record);
        options.onStep?.(record);
      }
      continue;
    }
    const done = await send(batch);
    const failedCloses: ExposureWindow[] = [];
    const failed: Step[] = [];
    batch.forEach((step, index) => {
      const record = done[index] as StepRecord;
      records.push(record);
      if (step.opensWindow) open.set(step.id, step.opensWindow);
      for (const [opener, window] of open) {
        if (window.closedBy !== step.id) continue;
        open.delete(opener);
        if (!succeeded(record)) failedCloses.push(window);
      }
      if (!succeeded(record)) failed.push(step);
    });
    if (failedCloses.length > 0) await undo(failedCloses);
    const fallbacks = failed.filter((step) => step.fallback);
    const fellBack = await send(fallbacks.map((step) => step.fallback as Step));
    fellBack.forEach((record) => records.push(record));
    for (const step of failed) {
      const index = fallbacks.indexOf(step);
      if ((index >= 0 && succeeded(fellBack[index] as StepRecord)) || step.onFailure === 'continue')
        degraded = true;
      else stopped = true;
    }
  }

  if (open.size > 0) {
    // The run stopped before some windows were closed: close them now (what the plan meant to
    // do), and undo those that do not close.
    const windows = [...open.values()];
    const closers = windows.map((window) => byId.get(window.closedBy));
    const closed = await send(closers.filter((step): step is Step => step !== undefined));
    const unclosed: ExposureWindow[] = [];
    let next = 0;
    windows.forEach((window, index) => {
      if (!closers[index]) {
        unclosed.push(window);
        return;
      }
      const record = closed[next++] as StepRecord;
      const planned = records.findIndex((candidate) => candidate.id === record.id);
      if (planned >= 0) records[planned] = record;
      else records.push(record);
      if (!succeeded(record)) unclosed.push(window);
    });
    if (unclosed.length > 0) await undo(unclosed);
  }

  const outcome: Outcome = options.dryRun
    ? 'dry-run'
    : exposed.length > 0
      ? 'exposed'
      : stopped
        ? 'failed'
        : degraded
          ? 'degraded'
          : 'succeeded';
  return {
    outcome,
    steps: records,
    ...(exposed.length > 0 ? { exposed } : {}),
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

/**
 * Why `batch` must not start with the time left, or undefined when it may: a stage takes one
 * round trip, and a stage that opens a window or runs while one is open must leave time to close
 * it and, should closing fail, to undo it.
 */
function deadlineProblem(
  batch: readonly Step[],
  windowsOpen: boolean,
  deadline: ExecutionDeadline | undefined,
): string | undefined {
  if (!deadline) return undefined;
  const trip = deadline.roundTripMs ?? DEFAULT_ROUND_TRIP_MS;
  const exposing = windowsOpen || batch.some((step) => step.opensWindow);
  const needed = trip * (exposing ? 3 : 1);
  const left = deadline.remainingMs();
  if (left >= needed) return undefined;
  return `stopped before ${batch[0]?.id ?? 'the next step'}: ${left} ms left, and ${exposing ? 'that stage with the closing (or undoing) of its exposure windows' : 'that stage'} may take ${needed} ms`;
}

/** Splits a plan into what is sent together: runs of steps sharing a stage, else single steps. */
function batches(steps: readonly Step[]): Step[][] {
  const result: Step[][] = [];
  for (const step of steps) {
    const last = result[result.length - 1];
    if (last && step.stage !== undefined && last[0]?.stage === step.stage) last.push(step);
    else result.push([step]);
  }
  return result;
}

function identity(step: Step): Pick<StepRecord, 'id' | 'action' | 'region' | 'reason'> {
  return { id: step.id, action: step.action, region: step.region, reason: step.reason };
}

async function runStep(step: Step, outputs: Outputs, options: ExecuteOptions): Promise<StepRecord> {
  const base = identity(step);
  const startedAt = options.clock.now().toISOString();
  let input: StepInput = step.input;
  try {
    input = resolveRefs(step.input, outputs) as StepInput;
    const runner = options.runners[step.action];
    if (!runner)
      throw new Error(`no runner for ${step.action}; the responder does not support this action`);
    await options.limiter?.take(step.action);
    const result = await runner(options.aws, step.region, input);
    if (result.output) outputs.set(step.id, result.output);
    return {
      ...base,
      input,
      status: 'done',
      startedAt,
      finishedAt: options.clock.now().toISOString(),
      ...(result.requestId ? { requestId: result.requestId } : {}),
      ...(result.output ? { output: result.output } : {}),
    };
  } catch (error) {
    const { name, message, requestId } = summarizeAwsError(error);
    const alreadyDone = hasAwsErrorName(error, step.alreadyDoneOn ?? []);
    return {
      ...base,
      input,
      status: alreadyDone ? 'already-done' : 'failed',
      startedAt,
      finishedAt: options.clock.now().toISOString(),
      ...(requestId ? { requestId } : {}),
      ...(alreadyDone ? {} : { error: { name, message } }),
    };
  }
}

/** True when `value` is a reference to an earlier step's output. */
export function isStepRef(value: unknown): value is StepRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StepRef).$fromStep === 'string' &&
    typeof (value as StepRef).path === 'string'
  );
}

function resolveRefs(value: unknown, outputs: Outputs): unknown {
  if (isStepRef(value)) {
    const output = outputs.get(value.$fromStep);
    const resolved = output
      ? value.path
          .split('.')
          .reduce<unknown>(
            (node, key) => (node as Record<string, unknown> | undefined)?.[key],
            output,
          )
      : undefined;
    if (resolved === undefined) {
      throw new Error(
        `step input refers to ${value.path} of step ${value.$fromStep}, which produced no such output`,
      );
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, outputs));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveRefs(item, outputs)]),
    );
  }
  return value;
}
