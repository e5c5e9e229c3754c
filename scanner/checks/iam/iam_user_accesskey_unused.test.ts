import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import type { CredentialReportKey, CredentialReportUser } from '../../model/iam';
import { NO_KEY, runOnUsers } from '../../../test/fixtures/iam-checks';
import check from './iam_user_accesskey_unused';

const judge = (...users: CredentialReportUser[]) => runOnUsers(check, users);

describe('iam_user_accesskey_unused', () => {
  test.each<[string, CredentialReportKey, string, RegExp]>([
    [
      'used 44 days ago',
      accessKey(200, 44),
      'PASS',
      /access key 1 last used 44 days ago \(2026-04-18\), within 45 days\.$/,
    ],
    [
      'used 45 days ago',
      accessKey(200, 45),
      'FAIL',
      /access key 1 last used 45 days ago \(2026-04-17\), 45 days or more without use\.$/,
    ],
    [
      'never used, created 10 days ago',
      accessKey(10, null),
      'PASS',
      /access key 1 never used, set 10 days ago \(2026-05-22\)/,
    ],
    [
      'never used, created 60 days ago',
      accessKey(60, null),
      'FAIL',
      /access key 1 never used, set 60 days ago \(2026-04-02\), 45 days or more/,
    ],
  ])('judges an active key %s', (_, key, status, message) => {
    const findings = judge(reportUser('deploy', { accessKeys: [key, NO_KEY] }));
    expect(verdicts(findings)).toEqual([[status, 'deploy']]);
    expect(findings[0]?.message).toMatch(message);
  });

  test('names only the unused key when the other is in use', () => {
    const findings = judge(
      reportUser('deploy', { accessKeys: [accessKey(200, 2), accessKey(90, null)] }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'deploy']]);
    expect(findings[0]?.message).toBe(
      'User deploy has active access key 2 never used, set 90 days ago (2026-03-03), 45 days or more without use.',
    );
  });

  test('names both keys when both are unused', () => {
    const [finding] = judge(
      reportUser('deploy', { accessKeys: [accessKey(200, 100), accessKey(70, null)] }),
    );
    expect(finding?.message).toMatch(
      /access key 1 last used 100 days ago .* and access key 2 never used, set 70 days ago/,
    );
  });

  test('ignores inactive keys however long unused', () => {
    const findings = judge(
      reportUser('deploy', { accessKeys: [accessKey(300, 200, false), accessKey(20, 3)] }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'deploy']]);
    expect(findings[0]?.message).toBe(
      'User deploy has active access key 2 last used 3 days ago (2026-05-29), within 45 days.',
    );
  });

  test('is not applicable when no user has an active access key', () => {
    const findings = judge(
      reportUser('alice', { passwordEnabled: true }),
      reportUser('old', { accessKeys: [accessKey(300, 200, false), NO_KEY] }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe(
      'Account 123456789012 has no IAM user with an active access key.',
    );
  });

  test('takes the threshold from the scan configuration', () => {
    const findings = runOnUsers(
      check,
      [reportUser('deploy', { accessKeys: [accessKey(200, 40), NO_KEY] })],
      { maxUnusedCredentialDays: 30 },
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'deploy']]);
  });

  test('reports an error naming the API when the credential report could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { credentialReport: failed('iam:GetCredentialReport') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetCredentialReport failed/);
  });
});
