/** How long a poll keeps reading: bounded exponential backoff. */
export interface Backoff {
  /**
   * Reads in all, the first one included.
   *
   * @default 4
   */
  readonly attempts?: number;
  /** @default 1000 */
  readonly firstDelayMs?: number;
  /** @default 4000 */
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads until `settled` accepts the value or the attempts run out, doubling the pause between
 * reads up to `maxDelayMs`, and returns the last value read. With the defaults the reads span at
 * most 1 + 2 + 4 = 7 s: long enough for AWS's eventually consistent reads to catch up (IAM
 * policies, tag-filtered DescribeSnapshots, instance profile associations), short enough for a
 * Lambda invocation's budget.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  backoff: Backoff = {},
): Promise<T> {
  const { attempts = 4, firstDelayMs = 1000, maxDelayMs = 4000, sleep = wait } = backoff;
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    const value = await read();
    if (settled(value) || attempt >= attempts) return value;
    await sleep(delay);
    delay = Math.min(delay * 2, maxDelayMs);
  }
}
