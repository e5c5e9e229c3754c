/** A source of "now", injected wherever time matters so that tests and replays are reproducible. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `at`; used for `--as-of` scans and in tests. */
export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === 'string' ? parseInstant(at, 'time') : at;
  return { now: () => new Date(instant.getTime()) };
}

/**
 * Parses an ISO 8601 date or date-time.
 *
 * @param what - names the value in the error message, e.g. `--as-of`
 * @throws RangeError naming `what` when the text is not a valid ISO 8601 time
 */
export function parseInstant(text: string, what: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const date = new Date(text);
  if (!iso.test(text) || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `${what} must be an ISO 8601 date or time such as 2026-01-31T12:00:00Z, got "${text}"`,
    );
  }
  return date;
}

/** Whole days elapsed from `earlier` to `later` (negative when `earlier` is in the future). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}
