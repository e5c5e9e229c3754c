import { parseInstant } from './clock';

describe('parseInstant', () => {
  test.each(['2026-01-31', '2026-01-31T12:00Z', '2028-02-29T23:59:59.5+02:00'])(
    'reads %s',
    (text) => {
      expect(parseInstant(text, 'x').getTime()).toBe(new Date(text).getTime());
    },
  );

  test.each(['2026-02-30', '2026-04-31T00:00:00Z', '2027-02-29'])(
    'refuses %s, a day that does not exist, which Date would roll over into the next month',
    (text) => {
      expect(() => parseInstant(text, '--as-of')).toThrow(
        new RegExp(`--as-of "${text}" is not a date that exists`),
      );
    },
  );

  test.each(['next tuesday', '2026-13-01', '2026-1-1', '2026-01-01T25:00Z'])(
    'refuses %s, which is not an ISO 8601 time',
    (text) => {
      expect(() => parseInstant(text, 'expires')).toThrow(/expires must be an ISO 8601 date/);
    },
  );
});
