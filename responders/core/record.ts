import { randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { Outcome, StepRecord, Target } from './step';

/** What started a response. */
export interface Trigger {
  readonly source: 'cli' | 'guardduty' | 'config-remediation' | 'schedule';
  /** e.g. the GuardDuty finding id or the Config rule name. */
  readonly id?: string;
  readonly detail?: { readonly [key: string]: unknown };
}

/** One post-condition re-read after the run. */
export interface VerificationResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Marks run records. */
export const RUN_RECORD_FORMAT = 'pyjamas-run-record';

/** The audit record of one responder run: what was planned, sent, answered and verified. */
export interface RunRecord {
  readonly format: typeof RUN_RECORD_FORMAT;
  readonly version: 1;
  readonly runId: string;
  readonly responder: string;
  readonly caseId: string;
  readonly target: Target;
  /** The principal that acted (sts:GetCallerIdentity). */
  readonly actor: string;
  readonly trigger: Trigger;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: Outcome;
  /** What the run left more exposed than it found it (outcome `exposed`), e.g. interface ids. */
  readonly exposed?: readonly string[];
  /** Why the run stopped early, when its deadline stopped it. */
  readonly stoppedBy?: string;
  readonly notes: readonly string[];
  readonly steps: readonly StepRecord[];
  readonly verification: readonly VerificationResult[];
}

/**
 * A run id that sorts by start time and does not collide between concurrent runs:
 * `20260131T120000Z-<responder>-<6 hex>`.
 */
export function newRunId(clock: Clock, responder: string): string {
  const stamp = clock
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${responder}-${randomBytes(3).toString('hex')}`;
}
