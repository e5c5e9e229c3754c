import { setTimeout as sleep } from 'node:timers/promises';
import type { VerificationResult } from './record';

/**
 * Waits between the re-reads of a verification that has not passed yet, in milliseconds. EC2's
 * reads are eventually consistent (a snapshot found by tag, an instance-profile association,
 * a group change can show up seconds after the call that made them answered), so a check that
 * fails at once may pass a little later. The delays double from 0.5 s: at most seven reads over
 * 31.5 s of waiting, after which the verification reports what it saw last.
 */
export const SETTLE_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000] as const;

/** Time kept free after the last wait, for filing the record (e.g. of a Lambda invocation). */
export const SETTLE_RESERVE_MS = 20_000;

/** How a verification waits for eventually consistent reads to settle. */
export interface SettlePolicy {
  /** @default SETTLE_DELAYS_MS */
  readonly delaysMs?: readonly number[];
  /** @default node's timer: tests pass one that does not wait */
  readonly sleep?: (ms: number) => Promise<unknown>;
  /**
   * Time left to the run, e.g. a Lambda invocation's: no wait starts unless, after it and one
   * more read, {@link SETTLE_RESERVE_MS} remain for the record.
   *
   * @default - no limit but the delays
   */
  readonly remainingMs?: () => number;
}

/**
 * Reads and checks until every check passes or the policy's waits are spent, then returns the
 * last results: a slow read is not a failed post-condition. A read that throws is retried like a
 * failed check; when the last read throws, its error is thrown. A check that still fails says how
 * long it was waited for.
 */
export async function settleVerification(
  read: () => Promise<VerificationResult[]>,
  policy: SettlePolicy = {},
): Promise<VerificationResult[]> {
  const delays = policy.delaysMs ?? SETTLE_DELAYS_MS;
  const wait = policy.sleep ?? sleep;
  let waited = 0;
  let reads = 0;
  for (let attempt = 0; ; attempt += 1) {
    let results: VerificationResult[] | undefined;
    let failure: unknown;
    try {
      results = await read();
    } catch (error) {
      failure = error;
    }
    reads += 1;
    const passed = results !== undefined && results.every((result) => result.ok);
    const delay = delays[attempt];
    const canWait =
      delay !== undefined &&
      (policy.remainingMs === undefined || policy.remainingMs() - delay >= SETTLE_RESERVE_MS);
    if (passed || !canWait) {
      if (!results) throw failure;
      return reads === 1 ? results : results.map((result) => settledNote(result, reads, waited));
    }
    await wait(delay);
    waited += delay;
  }
}

function settledNote(
  result: VerificationResult,
  reads: number,
  waitedMs: number,
): VerificationResult {
  if (result.ok) return result;
  return {
    ...result,
    detail: `${result.detail} (still so after ${reads} reads over ${waitedMs / 1000} s)`,
  };
}
