import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName, summarizeAwsError } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import {
  isStepRef,
  type ExposureWindow,
  type Outcome,
  type Plan,
  type Step,
  type StepInput,
  type StepRecord,
  type StepRunners,
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
  /**
   * Settles when the run may change the target (the pre-state is filed). Until then nothing is
   * sent but the reads of the first steps' runners (`StepRunner.read`), so that those reads cost
   * no round trip of their own.
   *
   * @default - the run may change the target at once
   */
  readonly mayChange?: Promise<unknown>;
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
 * Runs a plan's steps, one AWS call each: every step is sent as soon as the steps it waits for
 * (its `after`, else every earlier step; see {@link stepDependencies}) have answered, so
 * independent steps go out together. An error listed in `alreadyDoneOn` counts as done. Any other
 * error fails the step: its fallback, if it has one, is sent at once and, when it succeeds, the
 * run goes on degraded; else, unless the step says `continue`, the run stops: the steps already
 * sent answer, nothing else starts, and nothing is undone: every step is idempotent, so running
 * the plan again resumes.
 *
 * The one exception is a window (a step's `opensWindow`): whatever stops the run, every window
 * that was opened is closed by its closing step or, when that fails, undone, before this returns;
 * a window that neither closes nor undoes makes the outcome `exposed`. An opening step that
 * failed counts as open (its call may have landed with the answer lost). Throttling and transient
 * errors are retried by the SDK clients (adaptive retry) before they reach here.
 *
 * Records come in plan order, each step's fallback or undo right after it.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<Execution> {
  const steps = plan.steps;
  const waitsFor = stepDependencies(steps);
  if (options.dryRun) {
    const records = steps.map((step): StepRecord => ({
      ...identity(step),
      input: step.input,
      status: 'planned',
    }));
    records.forEach((record) => options.onStep?.(record));
    return { outcome: 'dry-run', steps: records };
  }

  const outputs: Outputs = new Map();
  /** Per step of the plan: its record, then those of its fallback or undo. */
  const slots: StepRecord[][] = steps.map(() => []);
  const answered = new Set<number>();
  const started = new Set<number>();
  const open = new Map<string, ExposureWindow>();
  const indexOf = new Map(steps.map((step, index) => [step.id, index]));
  const exposed: string[] = [];
  let stopped = false;
  let stoppedBy: string | undefined;
  let degraded = false;

  const send = async (step: Step, read?: Promise<unknown>): Promise<StepRecord> => {
    const record = await runStep(step, outputs, options, read);
    options.onStep?.(record);
    return record;
  };
  const succeeded = (record: StepRecord) => record.status !== 'failed';
  /** Undoes a window whose closing step failed or could not run; what does not undo stays exposed. */
  const undo = async (window: ExposureWindow, slot: StepRecord[]) => {
    const undone = await send(window.undo);
    slot.push(undone);
    if (!succeeded(undone)) exposed.push(window.exposes);
  };
  /** Everything that follows one step's answer: windows, the undo of a failed close, the fallback. */
  const settle = async (index: number, record: StepRecord) => {
    const step = steps[index] as Step;
    const slot = slots[index] as StepRecord[];
    slot.push(record);
    if (step.opensWindow) open.set(step.id, step.opensWindow);
    for (const [opener, window] of [...open]) {
      if (window.closedBy !== step.id) continue;
      open.delete(opener);
      if (!succeeded(record)) await undo(window, slot);
    }
    if (succeeded(record)) return;
    const fellBack = step.fallback ? await send(step.fallback) : undefined;
    if (fellBack) slot.push(fellBack);
    if ((fellBack && succeeded(fellBack)) || step.onFailure === 'continue') degraded = true;
    else stopped = true;
  };

  // The first steps' reads go out beside the filing of the pre-state; what they answer is
  // handed to their runners (a failed read fails its step when the step is sent).
  const early = new Map<number, Promise<unknown>>();
  if (options.mayChange) {
    steps.forEach((step, index) => {
      const read = options.runners[step.action]?.read;
      if (!read || (waitsFor[index] as ReadonlySet<number>).size > 0) return;
      const answer = read(options.aws, step.region, step.input);
      answer.catch(() => undefined);
      early.set(index, answer);
    });
    await options.mayChange;
  }

  const inFlight = new Map<number, Promise<void>>();
  for (;;) {
    if (!stopped) {
      const ready = steps
        .map((_step, index) => index)
        .filter(
          (index) =>
            !started.has(index) &&
            [...(waitsFor[index] as ReadonlySet<number>)].every((dep) => answered.has(dep)),
        );
      if (ready.length > 0) {
        stoppedBy = deadlineProblem(
          ready.map((index) => steps[index] as Step),
          open.size > 0 || [...inFlight.keys()].some((index) => steps[index]?.opensWindow),
          options.deadline,
        );
        stopped = stoppedBy !== undefined;
      }
      if (!stopped) {
        for (const index of ready) {
          started.add(index);
          inFlight.set(
            index,
            send(steps[index] as Step, early.get(index))
              .then((record) => settle(index, record))
              .then(() => {
                answered.add(index);
                inFlight.delete(index);
              }),
          );
        }
      }
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
  }

  if (open.size > 0) {
    // The run stopped before some windows were closed: close them now (what the plan meant to
    // do), and undo those that do not close.
    await Promise.all(
      [...open].map(async ([opener, window]) => {
        const closer = indexOf.get(window.closedBy);
        if (closer === undefined) {
          await undo(window, slots[indexOf.get(opener) as number] as StepRecord[]);
          return;
        }
        const record = await send(steps[closer] as Step);
        const slot = slots[closer] as StepRecord[];
        slot.push(record);
        if (!succeeded(record)) await undo(window, slot);
      }),
    );
  }

  const records = steps.flatMap((step, index) => {
    const slot = slots[index] as StepRecord[];
    return slot.length > 0
      ? slot
      : [{ ...identity(step), input: step.input, status: 'not-run' } satisfies StepRecord];
  });
  const outcome: Outcome =
    exposed.length > 0 ? 'exposed' : stopped ? 'failed' : degraded ? 'degraded' : 'succeeded';
  return {
    outcome,
    steps: records,
    ...(exposed.length > 0 ? { exposed } : {}),
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

/**
 * For each step of a plan, the indices of the steps it waits for: those named in its `after`
 * (else every earlier step, or for a stage every step before the stage), those its input refers
 * to and, for a window's closing step, the opening step.
 *
 * @throws Error when a step waits for a step that is not earlier in the plan (a planning bug)
 */
export function stepDependencies(steps: readonly Step[]): ReadonlySet<number>[] {
  const indexOf = new Map(steps.map((step, index) => [step.id, index]));
  const result: Set<number>[] = [];
  let stageStart = 0;
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (step.stage === undefined || previous?.stage !== step.stage) stageStart = index;
    const named = step.after ?? steps.slice(0, stageStart).map((earlier) => earlier.id);
    const implied = [
      ...refsIn(step.input),
      ...steps
        .slice(0, index)
        .filter((earlier) => earlier.opensWindow?.closedBy === step.id)
        .map((earlier) => earlier.id),
    ];
    const deps = new Set<number>();
    for (const id of named) {
      const dep = indexOf.get(id);
      if (dep === undefined || dep >= index)
        throw new Error(
          `step ${step.id} waits for ${id}, which is not an earlier step of the plan`,
        );
      deps.add(dep);
    }
    // A reference to no earlier step fails its step when it is sent, with the reason.
    for (const id of implied) {
      const dep = indexOf.get(id);
      if (dep !== undefined && dep < index) deps.add(dep);
    }
    result.push(deps);
  });
  return result;
}

/**
 * The plan's waves: each step's round trip counted from the start when every step takes one and
 * is sent as soon as it may (1 for a step that waits for nothing).
 */
export function planWaves(steps: readonly Step[]): number[] {
  const deps = stepDependencies(steps);
  const waves: number[] = [];
  deps.forEach((set) => waves.push(1 + Math.max(0, ...[...set].map((dep) => waves[dep] ?? 0))));
  return waves;
}

function refsIn(value: unknown): string[] {
  if (isStepRef(value)) return [value.$fromStep];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(refsIn);
  return [];
}

/**
 * Why `batch` must not start with the time left, or undefined when it may: a step takes one
 * round trip, and steps that open a window or start while one is open must leave time to close
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

function identity(step: Step): Pick<StepRecord, 'id' | 'action' | 'region' | 'reason'> {
  return { id: step.id, action: step.action, region: step.region, reason: step.reason };
}

async function runStep(
  step: Step,
  outputs: Outputs,
  options: ExecuteOptions,
  early?: Promise<unknown>,
): Promise<StepRecord> {
  const base = identity(step);
  const startedAt = options.clock.now().toISOString();
  let input: StepInput = step.input;
  try {
    input = resolveRefs(step.input, outputs) as StepInput;
    const runner = options.runners[step.action];
    if (!runner)
      throw new Error(`no runner for ${step.action}; the responder does not support this action`);
    await options.limiter?.take(step.action);
    const result = await runner(options.aws, step.region, input, early);
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
