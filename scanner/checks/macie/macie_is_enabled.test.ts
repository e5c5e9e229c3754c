import { failed, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import check from './macie_is_enabled';

describe('macie_is_enabled', () => {
  test('passes an enabled region and fails an off or paused one', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { macieSession: { status: 'ENABLED' } },
          'eu-west-1': { macieSession: null },
          'eu-west-2': { macieSession: { status: 'PAUSED' } },
        },
      }),
    );
    expect(findings.map((f) => [f.status, f.region])).toEqual([
      ['PASS', 'us-east-1'],
      ['FAIL', 'eu-west-1'],
      ['FAIL', 'eu-west-2'],
    ]);
  });

  test('reports ERROR for a region where the session could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { macieSession: failed('macie2:GetMacieSession') } },
      }),
    );
    expect(findings.map((f) => f.status)).toEqual(['ERROR']);
  });

  test('is evaluated per scanned region, so no region is left out as not applicable', () => {
    expect(runCheck(check, inventoryOf({ regional: {} }))).toEqual([]);
  });
});
