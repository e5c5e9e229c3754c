import { daysAgo, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import check from './iam_avoid_root_usage';

function withRoot(root: ReturnType<typeof reportUser> | null) {
  return inventoryOf({ global: { credentialReport: { generatedAt: null, users: [], root } } });
}

describe('iam_avoid_root_usage', () => {
  test('passes when root last signed in long ago and has no keys', () => {
    const findings = runCheck(
      check,
      withRoot(reportUser('<root_account>', { passwordLastUsed: daysAgo(200) })),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'root']]);
  });

  test('fails when the root password or a root key was used in the last 90 days', () => {
    const findings = runCheck(
      check,
      withRoot(
        reportUser('<root_account>', {
          passwordLastUsed: daysAgo(3),
          accessKeys: [accessKey(400, 10), accessKey(400, null, false)],
        }),
      ),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'root']]);
    expect(findings[0]?.message).toMatch(/password 3 days ago .*access key 1 10 days ago/);
  });

  test('is never not applicable: a report without the root row is an error', () => {
    const findings = runCheck(check, withRoot(null));
    expect(findings.map((finding) => finding.status)).toEqual(['ERROR']);
    expect(findings[0]?.message).toMatch(/no <root_account> row/);
  });
});
