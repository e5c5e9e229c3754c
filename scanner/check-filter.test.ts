import { filterChecks } from './check-filter';

describe('filterChecks', () => {
  test('keeps checks matching every criterion', () => {
    const kept = filterChecks({ services: ['iam'], severities: ['critical'] });
    expect(kept.length).toBeGreaterThan(0);
    for (const check of kept) expect([check.service, check.severity]).toEqual(['iam', 'critical']);
  });

  test('drops excluded checks', () => {
    const kept = filterChecks({ services: ['iam'], excludedChecks: ['iam_root_mfa_enabled'] });
    expect(kept.map((check) => check.id)).not.toContain('iam_root_mfa_enabled');
  });

  test('names unknown services and severities, and refuses a filter that keeps nothing', () => {
    expect(() => filterChecks({ services: ['nosuch'] })).toThrow(
      /unknown service: nosuch \(choose from/,
    );
    expect(() => filterChecks({ severities: ['urgent'] })).toThrow(/unknown severity: urgent/);
    expect(() =>
      filterChecks({ checks: ['iam_root_mfa_enabled'], excludedChecks: ['iam_root_mfa_enabled'] }),
    ).toThrow(/leave no check to run/);
  });
});
