import { formatPlan, formatRunRecord, formatStepRecord } from '../../responders/core/format';
import type { RespondOptions, Response } from '../../responders/core/respond';
import type { Plan } from '../../responders/core/step';
import { confirm } from '../confirm';
import { EXIT, type CliIO } from '../io';

/** How a responder command prints: the plan, progress, then the outcome. */
export interface ResponseOutput {
  readonly io: CliIO;
  readonly format: 'console' | 'json';
}

/** Hooks for `respond` that print the plan (unless already shown) and one line per finished step. */
export function printingHooks(output: ResponseOutput, planShown: boolean): Pick<RespondOptions, 'onPlan' | 'onStep'> {
  if (output.format === 'json') return {};
  return {
    ...(planShown ? {} : { onPlan: (plan: Plan) => output.io.stdout.write(formatPlan(plan)) }),
    onStep: (record) => output.io.stderr.write(`${formatStepRecord(record)}\n`),
  };
}

/**
 * Shows the plan and asks before anything changes. `--yes` skips the question; without a
 * terminal and without `--yes` the command refuses (confirm throws).
 *
 * @returns true to go on
 */
export async function confirmPlan(output: ResponseOutput, plan: Plan, yes: boolean): Promise<boolean> {
  output.io.stdout.write(output.format === 'json' ? `${JSON.stringify({ plan }, null, 2)}\n` : formatPlan(plan));
  if (plan.steps.length === 0) return true;
  const go = await confirm(output.io, `Run these ${plan.steps.length} steps against ${plan.target.id}?`, yes);
  if (!go) output.io.stderr.write('Cancelled: nothing was changed.\n');
  return go;
}

/** Prints the outcome and returns the exit code: 0 when the response succeeded and verified, else 1. */
export function reportResponse(output: ResponseOutput, response: Response): number {
  const { record } = response;
  if (output.format === 'json') {
    output.io.stdout.write(`${JSON.stringify({ plan: response.plan, record, evidence: response.evidence ?? null }, null, 2)}\n`);
  } else {
    output.io.stdout.write(formatRunRecord(record, response.evidence));
  }
  const verified = record.verification.every((result) => result.ok);
  return (record.outcome === 'succeeded' || record.outcome === 'dry-run') && verified ? EXIT.ok : EXIT.failed;
}
