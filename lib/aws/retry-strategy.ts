import { awsErrorName } from './errors';

/**
 * How long and how often one API call (one page of a listing) is retried. The SDK's paginators
 * send each page as its own call, so a budget applies per page: a throttled page is sent again,
 * never the whole listing.
 */
export interface RetryPolicy {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /**
   * Attempts of a call answered with an HTTP error whose body is not an AWS error document (an
   * emulator's page for an operation it lacks, a proxy's error page): AWS itself always names
   * its error, so such an answer is rarely cured by waiting.
   */
  readonly unrecognizedMaxAttempts: number;
  /**
   * Time one call may spend from its first attempt to the start of its last: a retry whose wait
   * would end later is not made, and the call fails with its last error.
   */
  readonly callDeadlineMs: number;
  /** Backoff base after throttling: the first retry waits up to this, doubling after each. */
  readonly throttlingBaseMs: number;
  /** Backoff base after a transient failure (HTTP 5xx, a dropped connection, a timeout). */
  readonly transientBaseMs: number;
  /** No single wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * The scanner's reads. AWS throttles with token buckets that recover within seconds (EC2's
 * non-mutating actions hold 100 requests and refill 20 a second, so an emptied bucket is full
 * again in 5 s), so a throttled read waits with full jitter from 0.5 s doubling up to 20 s and
 * keeps trying for up to three minutes. Twelve attempts make a read that meets 40 % faulty
 * answers fail about once in 60,000: an account of thousands of reads scans the same as an idle
 * one. An API that keeps failing costs a bounded time and ends as an ERROR that names it.
 */
export const SCAN_RETRY_POLICY = {
  maxAttempts: 12,
  unrecognizedMaxAttempts: 3,
  callDeadlineMs: 180_000,
  throttlingBaseMs: 500,
  transientBaseMs: 100,
  maxDelayMs: 20_000,
} as const satisfies RetryPolicy;

/**
 * The responders' calls, reads and changes alike (every step is idempotent, so a change retried
 * after an answer that never arrived is made once). A response runs while the account may be
 * throttled by the attacker's own activity, and a containment step that gives up leaves the
 * target exposed: ten attempts make a call that meets 40 % faulty answers fail about once in
 * 10,000. The waits are shorter than the scanner's and a call gives up after 30 s, so a Lambda
 * invocation's deadline (see `ExecutionDeadline`) still leaves time to record the run.
 */
export const RESPONSE_RETRY_POLICY = {
  maxAttempts: 10,
  unrecognizedMaxAttempts: 3,
  callDeadlineMs: 30_000,
  throttlingBaseMs: 200,
  transientBaseMs: 100,
  maxDelayMs: 5_000,
} as const satisfies RetryPolicy;

/** The retry token of one call: its attempts so far, when it started and the next wait. */
export interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/** What the SDK's retry middleware tells the strategy about a failed attempt. */
export interface RetryErrorInfo {
  /** The SDK's classification: THROTTLING, TRANSIENT, SERVER_ERROR or CLIENT_ERROR. */
  readonly errorType: string;
  /** The error itself. */
  readonly error?: unknown;
  /** From a `Retry-After` or `x-amz-retry-after` header, when the service sent one. */
  readonly retryAfterHint?: Date;
}

class CallToken implements RetryToken {
  constructor(
    readonly startedAt: number,
    private readonly count: number,
    private readonly delay: number,
  ) {}

  getRetryCount(): number {
    return this.count;
  }

  getRetryDelay(): number {
    return this.delay;
  }
}

/**
 * An SDK v3 retry strategy (`retryStrategy` of a client's configuration) that retries throttling
 * and transient failures with exponential backoff and full jitter, per call, within
 * {@link RetryPolicy}'s attempts and deadline.
 *
 * It has no shared retry quota. The SDK's standard and adaptive modes spend a per-client bucket
 * of 500 tokens (5 per throttled retry, 14 per transient one, 1 back per success): under a
 * steady 30 % throttling a busy client empties it within a few hundred calls and every later
 * retry is refused, which is how a loaded account turned a scan's IAM verdicts into ERRORs.
 * Here what bounds the load on a struggling service is the client factory's bound on requests in
 * flight and each call's backoff, and what bounds the time is each call's deadline.
 */
export class PatientRetryStrategy {
  constructor(
    private readonly policy: RetryPolicy = SCAN_RETRY_POLICY,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** The token of a new call. */
  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(new CallToken(this.now(), 0, 0));
  }

  /**
   * The token of the next attempt, carrying the wait before it.
   *
   * @throws Error when the failure is not retryable, the attempts are spent or the wait would end
   *   past the call's deadline; the SDK then raises the call's last error
   */
  refreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    const throttled = error.errorType === 'THROTTLING';
    if (!throttled && error.errorType !== 'TRANSIENT') return refuse('the error is not retryable');
    const attempts = unrecognized(error.error)
      ? Math.min(this.policy.unrecognizedMaxAttempts, this.policy.maxAttempts)
      : this.policy.maxAttempts;
    if (retries + 1 >= attempts) return refuse('no attempts left');
    const base = throttled ? this.policy.throttlingBaseMs : this.policy.transientBaseMs;
    const ceiling = Math.min(this.policy.maxDelayMs, base * 2 ** retries);
    let delay = Math.floor(this.random() * ceiling);
    if (error.retryAfterHint) {
      const hinted = error.retryAfterHint.getTime() - this.now();
      delay = Math.max(delay, Math.min(hinted, this.policy.maxDelayMs));
    }
    const startedAt = token instanceof CallToken ? token.startedAt : this.now();
    if (this.now() + delay - startedAt > this.policy.callDeadlineMs) {
      return refuse('the call deadline would pass');
    }
    return Promise.resolve(new CallToken(startedAt, retries + 1, delay));
  }

  /** Nothing to give back: there is no shared quota. */
  recordSuccess(): void {}
}

/** An HTTP answer that named no AWS error: a dropped connection has no status and is not one. */
function unrecognized(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  if (typeof status !== 'number') return false;
  return ['UnrecognizedResponse', 'UnknownError', 'Unknown'].includes(awsErrorName(error));
}

function refuse(reason: string): Promise<never> {
  return Promise.reject(new Error(`not retried: ${reason}`));
}
