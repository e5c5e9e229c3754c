import { SAMPLE_CHECKS, sampleReport } from '../../test/fixtures/reports';
import { toSarif } from './sarif';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; suppressions?: unknown[] }[];
  }[];
}

describe('the SARIF report', () => {
  test('is SARIF 2.1.0 with a rule per check and a result per failure, passes left out', () => {
    const log = toSarif(sampleReport(), SAMPLE_CHECKS) as SarifLog;
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run?.tool.driver.rules.map((rule) => rule.id).sort()).toEqual(
      SAMPLE_CHECKS.map((check) => check.id).sort(),
    );
    expect(run?.results).toHaveLength(2);
    for (const result of run?.results ?? [])
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run?.tool.driver.rules[0]?.properties['security-severity']).toMatch(/^\d+\.\d$/);
  });

  test('marks a muted failure as an accepted suppression', () => {
    const log = toSarif(sampleReport({ muteSsh: true }), SAMPLE_CHECKS) as SarifLog;
    const suppressed = log.runs[0]?.results.filter((result) => result.suppressions);
    expect(suppressed).toHaveLength(1);
  });
});
