import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './readiness_evidence_bucket_present';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';

describe('readiness_evidence_bucket_present', () => {
  test('passes when any scanned region holds a tagged evidence bucket', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { evidenceBuckets: [] },
          'eu-west-1': { evidenceBuckets: [evidenceBucket('ev', { region: 'eu-west-1' })] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
    expect(findings[0]?.message).toMatch(/evidence bucket ev \(eu-west-1\)/);
  });

  test('fails when no scanned region holds one, naming the tag to use', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { evidenceBuckets: [] } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /no bucket tagged pyjamas:component=evidence-bucket in us-east-1/,
    );
  });

  test('is never not applicable: every account needs somewhere to keep evidence', () => {
    expect(
      runCheck(check, inventoryOf({ regional: { 'us-east-1': { evidenceBuckets: [] } } }))[0]
        ?.status,
    ).toBe('FAIL');
  });

  test('reports an error for a region whose tags could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'eu-west-1': { evidenceBuckets: failed('tag:GetResources', 'eu-west-1') } },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
  });
});
