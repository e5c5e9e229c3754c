import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';
import { publicAccessBlock } from '../../../test/fixtures/resources';
import type { Fetched } from '../../model/inventory';
import type { PublicAccessBlock } from '../../model/s3';
import check from './readiness_evidence_bucket_public_access_blocked';

const scan = (
  bucketBlock: Fetched<PublicAccessBlock | null> | undefined,
  account: PublicAccessBlock | null = null,
) =>
  runCheck(
    check,
    inventoryOf({
      global: {
        bucketPublicAccessBlocks: bucketBlock ? { ev: bucketBlock } : {},
        accountPublicAccessBlock: account,
      },
      regional: { 'us-east-1': { evidenceBuckets: [evidenceBucket('ev')] } },
    }),
  );

describe('readiness_evidence_bucket_public_access_blocked', () => {
  test('passes an evidence bucket with all four settings on', () => {
    expect(verdicts(scan(fetched(publicAccessBlock())))).toEqual([['PASS', 'ev']]);
  });

  test("counts the account's settings, since S3 applies the stricter", () => {
    expect(scan(fetched(null), publicAccessBlock())[0]?.status).toBe('PASS');
  });

  test('fails an evidence bucket with a setting off on the bucket and the account', () => {
    expect(scan(fetched(publicAccessBlock({ blockPublicPolicy: false })))[0]).toMatchObject({
      status: 'FAIL',
      message: 'Evidence bucket ev has BlockPublicPolicy off, on the bucket and the account.',
    });
  });

  test('is not applicable without an evidence bucket', () => {
    expect(
      runCheck(
        check,
        inventoryOf({
          global: { bucketPublicAccessBlocks: {}, accountPublicAccessBlock: null },
          regional: { 'us-east-1': { evidenceBuckets: [] } },
        }),
      )[0]?.status,
    ).toBe('NOT_APPLICABLE');
  });

  test.each([
    ['could not be read', failed('s3:GetBucketPublicAccessBlock')],
    ['was not listed', undefined],
  ])('reports an error when the setting %s', (_, block) => {
    expect(verdicts(scan(block))).toEqual([['ERROR', 'ev']]);
  });
});
