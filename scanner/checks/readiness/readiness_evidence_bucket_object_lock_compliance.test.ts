import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import type { ObjectLockSettings } from '../../model/plumbing';
import check from './readiness_evidence_bucket_object_lock_compliance';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';

const scan = (
  objectLock: ReturnType<typeof fetched<ObjectLockSettings | null>> | ReturnType<typeof failed>,
) =>
  runCheck(
    check,
    inventoryOf({
      regional: { 'us-east-1': { evidenceBuckets: [evidenceBucket('ev', { objectLock })] } },
    }),
  );

describe('readiness_evidence_bucket_object_lock_compliance', () => {
  test.each<[string, ObjectLockSettings]>([
    ['days', { enabled: true, mode: 'COMPLIANCE', days: 30, years: null }],
    ['years', { enabled: true, mode: 'COMPLIANCE', days: null, years: 7 }],
  ])('passes COMPLIANCE mode with a default retention in %s', (_, lock) => {
    expect(verdicts(scan(fetched(lock)))).toEqual([['PASS', 'ev']]);
  });

  test.each<[string, ObjectLockSettings | null, RegExp]>([
    ['no Object Lock', null, /does not have Object Lock enabled/],
    [
      'no default retention',
      { enabled: true, mode: null, days: null, years: null },
      /no default retention/,
    ],
    [
      'GOVERNANCE mode',
      { enabled: true, mode: 'GOVERNANCE', days: 30, years: null },
      /GOVERNANCE mode, which principals with s3:BypassGovernanceRetention can lift/,
    ],
  ])('fails a bucket with %s', (_, lock, message) => {
    const [finding] = scan(fetched(lock));
    expect(finding).toMatchObject({ status: 'FAIL', message: expect.stringMatching(message) });
  });

  test('is not applicable without an evidence bucket', () => {
    expect(
      verdicts(
        runCheck(check, inventoryOf({ regional: { 'us-east-1': { evidenceBuckets: [] } } })),
      ),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('reports an error when the lock configuration could not be read', () => {
    expect(verdicts(scan(failed('s3:GetObjectLockConfiguration')))).toEqual([['ERROR', 'ev']]);
  });
});
