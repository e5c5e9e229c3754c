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
 * @throws RangeError naming `what` when the text is not a valid ISO 8601 time or names a day that
 *   does not exist (2026-02-30)
 */
export function parseInstant(text: string, what: string): Date {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const parts = iso.exec(text);
  const date = new Date(text);
  if (!parts || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `${what} must be an ISO 8601 date or time such as 2026-01-31T12:00:00Z, got "${text}"`,
    );
  }
  // V8 rolls a day past the month's end over into the next month (2026-02-30 is 2 March).
  const [year, month, day] = parts.slice(1, 4).map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    throw new RangeError(
      `${what} "${text}" is not a date that exists: ${year}-${String(month).padStart(2, '0')} has no day ${day}; give a real calendar date`,
    );
  }
  return date;
}

/** Whole days elapsed from `earlier` to `later` (negative when `earlier` is in the future). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}
