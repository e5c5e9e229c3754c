import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { bucket } from '../../../test/fixtures/resources';
import check from './s3_bucket_no_mfa_delete';

describe('s3_bucket_no_mfa_delete', () => {
  test('passes a versioned bucket with MFA delete and fails one without', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          buckets: [bucket('locked'), bucket('open'), bucket('unversioned')],
          bucketVersioning: {
            locked: { ok: true, data: { status: 'Enabled', mfaDelete: 'Enabled' } },
            open: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
            unversioned: { ok: true, data: { status: null, mfaDelete: null } },
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'locked'],
      ['FAIL', 'open'],
      ['FAIL', 'unversioned'],
    ]);
  });

  test('is not applicable to an account without buckets', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { buckets: [], bucketVersioning: {} } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });

  test('reports an error for a bucket whose versioning could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          buckets: [bucket('denied')],
          bucketVersioning: { denied: failed('s3:GetBucketVersioning') },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', 'denied']]);
  });
});
