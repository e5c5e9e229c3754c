import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { fromAccount, openTo } from '../../../test/fixtures/resource-policies';
import { bucket } from '../../../test/fixtures/resources';
import check from './s3_bucket_policy_not_publicly_accessible';

describe('s3_bucket_policy_not_publicly_accessible', () => {
  test('fails an unrestricted "*" grant, passes a limited grant or no policy, and is ERROR when unread', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          buckets: [bucket('site'), bucket('logs'), bucket('plain'), bucket('denied')],
          bucketPolicies: {
            site: fetched({ Statement: [openTo('s3:GetObject')] }),
            logs: fetched({ Statement: [fromAccount('s3:PutObject')] }),
            plain: fetched(null),
            denied: failed('s3:GetBucketPolicy'),
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'site'],
      ['PASS', 'logs'],
      ['PASS', 'plain'],
      ['ERROR', 'denied'],
    ]);
    expect(findings[0]?.message).toMatch(/statement Anyone/);
  });

  test('is not applicable to an account without buckets', () => {
    const findings = runCheck(check, inventoryOf({ global: { buckets: [], bucketPolicies: {} } }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
