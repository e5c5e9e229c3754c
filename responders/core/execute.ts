import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName, summarizeAwsError } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import type { Outcome, Plan, Step, StepInput, StepRecord, StepRef, StepRunners } from './step';

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
}

/** The steps as executed and the overall outcome. */
export interface Execution {
  readonly outcome: Outcome;
  readonly steps: readonly StepRecord[];
}

/**
 * Runs a plan's steps in order, one AWS call each; consecutive steps of one stage are sent
 * together. An error listed in `alreadyDoneOn` counts as done. Any other error fails the step
 * and, unless the step says `continue`, stops the run (after the rest of its stage answered)
 * without undoing earlier steps: every step is idempotent, so running the plan again resumes.
 * Throttling and transient errors are retried by the SDK clients (adaptive retry) before they
 * reach here.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<Execution> {
  const outputs = new Map<string, { readonly [key: string]: unknown }>();
  const records: StepRecord[] = [];
  let stopped = false;
  let degraded = false;

  for (const batch of batches(plan.steps)) {
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
    const done = await Promise.all(
      batch.map(async (step) => {
        const record = await runStep(step, identity(step), outputs, options);
        options.onStep?.(record);
        return record;
      }),
    );
    batch.forEach((step, index) => {
      const record = done[index] as StepRecord;
      records.push(record);
      if (record.status !== 'failed') return;
      if (step.onFailure === 'continue') degraded = true;
      else stopped = true;
    });
  }
  const outcome: Outcome = options.dryRun
    ? 'dry-run'
    : stopped
      ? 'failed'
      : degraded
        ? 'degraded'
        : 'succeeded';
  return { outcome, steps: records };
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

async function runStep(
  step: Step,
  base: Pick<StepRecord, 'id' | 'action' | 'region' | 'reason'>,
  outputs: Map<string, { readonly [key: string]: unknown }>,
  options: ExecuteOptions,
): Promise<StepRecord> {
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

function resolveRefs(
  value: unknown,
  outputs: Map<string, { readonly [key: string]: unknown }>,
): unknown {
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
