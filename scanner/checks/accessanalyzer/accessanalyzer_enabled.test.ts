import { failed, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import check from './accessanalyzer_enabled';

function analyzer(name: string, type: string, status: string) {
  return { arn: `arn:aws:access-analyzer:r:123456789012:analyzer/${name}`, name, type, status };
}

describe('accessanalyzer_enabled', () => {
  test('passes a region with an active account analyzer', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { analyzers: [analyzer('external', 'ACCOUNT', 'ACTIVE')] } },
      }),
    );
    expect(findings.map((f) => [f.status, f.region])).toEqual([['PASS', 'us-east-1']]);
  });

  test('fails a region with no analyzer, or only an unused-access or failed one', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { analyzers: [] },
          'eu-west-1': { analyzers: [analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')] },
          'eu-west-2': { analyzers: [analyzer('broken', 'ORGANIZATION', 'FAILED')] },
        },
      }),
    );
    expect(findings.map((f) => f.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(findings[2]?.message).toMatch(/broken is FAILED/);
  });

  test('reports ERROR, never PASS, for a region whose analyzers could not be listed', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { analyzers: failed('access-analyzer:ListAnalyzers') } },
      }),
    );
    expect(findings.map((f) => f.status)).toEqual(['ERROR']);
    expect(findings[0]?.message).toMatch(/access-analyzer:ListAnalyzers failed in us-east-1/);
  });
});
