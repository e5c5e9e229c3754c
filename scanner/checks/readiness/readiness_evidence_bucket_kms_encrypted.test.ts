import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import type { BucketEncryption } from '../../model/plumbing';
import check from './readiness_evidence_bucket_kms_encrypted';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';

const scan = (
  encryption: ReturnType<typeof fetched<BucketEncryption | null>> | ReturnType<typeof failed>,
) =>
  runCheck(
    check,
    inventoryOf({
      regional: { 'us-east-1': { evidenceBuckets: [evidenceBucket('ev', { encryption })] } },
    }),
  );

describe('readiness_evidence_bucket_kms_encrypted', () => {
  test.each(['aws:kms', 'aws:kms:dsse'])('passes %s encryption', (algorithm) => {
    expect(
      verdicts(scan(fetched({ algorithm, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }))),
    ).toEqual([['PASS', 'ev']]);
  });

  test.each<[BucketEncryption | null, RegExp]>([
    [{ algorithm: 'AES256', kmsKeyId: null }, /AES256 \(S3-managed keys\)/],
    [null, /no default encryption/],
  ])('fails %j', (encryption, message) => {
    expect(scan(fetched(encryption))[0]).toMatchObject({
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

  test('reports an error when encryption could not be read', () => {
    expect(verdicts(scan(failed('s3:GetBucketEncryption')))).toEqual([['ERROR', 'ev']]);
  });
});
