import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './readiness_evidence_bucket_versioning_enabled';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';

const scan = (versioning: ReturnType<typeof fetched<string | null>> | ReturnType<typeof failed>) =>
  runCheck(
    check,
    inventoryOf({
      regional: { 'us-east-1': { evidenceBuckets: [evidenceBucket('ev', { versioning })] } },
    }),
  );

describe('readiness_evidence_bucket_versioning_enabled', () => {
  test('passes an evidence bucket with versioning enabled', () => {
    expect(verdicts(scan(fetched('Enabled')))).toEqual([['PASS', 'ev']]);
  });

  test.each<[string | null, RegExp]>([
    ['Suspended', /versioning suspended/],
    [null, /versioning never enabled/],
  ])('fails versioning %p', (status, message) => {
    expect(scan(fetched(status))[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(message),
    });
  });

  test('is not applicable without an evidence bucket', () => {
    expect(
      runCheck(check, inventoryOf({ regional: { 'us-east-1': { evidenceBuckets: [] } } }))[0]
        ?.status,
    ).toBe('NOT_APPLICABLE');
  });

  test('reports an error when versioning could not be read', () => {
    expect(verdicts(scan(failed('s3:GetBucketVersioning')))).toEqual([['ERROR', 'ev']]);
  });
});
