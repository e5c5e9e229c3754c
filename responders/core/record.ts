import { randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { Outcome, Step, StepRecord, Target } from './step';

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
  /** Where this record is kept and what protects it; absent in dry runs. */
  readonly custody?: CustodyNote;
}

/** Where a run's record is kept, what protects it, and why it is not where it should be. */
export interface CustodyNote {
  /** The store holding this record, e.g. `s3://bucket` or `file:///…/pyjamas-evidence`. */
  readonly store: string;
  /** What protects the store: its Object Lock and owner, or that it is a local folder. */
  readonly protection?: string;
  /** The evidence bucket that refused the record, when it was kept elsewhere instead. */
  readonly refusedBy?: string;
  /** Each refusal, with the AWS service, code and message; empty when all went as planned. */
  readonly problems: readonly string[];
}

/** Marks the records filed before a run changes anything. */
export const RUN_START_FORMAT = 'pyjamas-run-start';

/**
 * Filed after the plan is approved and before its first step is sent: the original state and the
 * plan are on record even if the run dies half-way (a Lambda timeout, a lost terminal).
 */
export interface RunStart {
  readonly format: typeof RUN_START_FORMAT;
  readonly version: 1;
  readonly runId: string;
  readonly responder: string;
  readonly caseId: string;
  readonly target: Target;
  readonly actor: string;
  readonly trigger: Trigger;
  readonly startedAt: string;
  /** The steps about to be sent, with their exact inputs. */
  readonly plan: readonly Step[];
  readonly notes: readonly string[];
  /** The target as read before anything changed: groups, profile, addresses, Auto Scaling. */
  readonly preState: unknown;
  readonly custody: CustodyNote;
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
