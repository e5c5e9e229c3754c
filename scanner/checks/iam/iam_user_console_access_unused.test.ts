import { daysAgo, failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import type { CredentialReportUser } from '../../model/iam';
import { runOnUsers } from '../../../test/fixtures/iam-checks';
import check from './iam_user_console_access_unused';

const consoleUser = (overrides: Partial<CredentialReportUser>) =>
  reportUser('alice', { passwordEnabled: true, passwordLastChanged: daysAgo(300), ...overrides });

const judge = (...users: CredentialReportUser[]) => runOnUsers(check, users);

describe('iam_user_console_access_unused', () => {
  test.each<[string, Partial<CredentialReportUser>, string, RegExp]>([
    [
      'used 44 days ago',
      { passwordLastUsed: daysAgo(44) },
      'PASS',
      /last used 44 days ago \(2026-04-18\), within 45 days\.$/,
    ],
    [
      'used 45 days ago',
      { passwordLastUsed: daysAgo(45) },
      'FAIL',
      /last used 45 days ago \(2026-04-17\), 45 days or more without use\.$/,
    ],
    [
      'used yesterday',
      { passwordLastUsed: daysAgo(1) },
      'PASS',
      /last used 1 day ago \(2026-05-31\)/,
    ],
    [
      'never used, set 10 days ago',
      { passwordLastChanged: daysAgo(10) },
      'PASS',
      /never used, set 10 days ago \(2026-05-22\), within 45 days\.$/,
    ],
    [
      'never used, set 60 days ago',
      { passwordLastChanged: daysAgo(60) },
      'FAIL',
      /never used, set 60 days ago \(2026-04-02\), 45 days or more/,
    ],
  ])('judges a password %s', (_, overrides, status, message) => {
    const findings = judge(consoleUser(overrides));
    expect(verdicts(findings)).toEqual([[status, 'alice']]);
    expect(findings[0]?.message).toMatch(message);
  });

  test('counts a never-used password without a change date from the creation of its user', () => {
    const findings = judge(
      consoleUser({ passwordLastChanged: null, userCreationTime: daysAgo(50) }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'alice']]);
    expect(findings[0]?.message).toMatch(/never used, set 50 days ago/);
  });

  test('fails a password the report gives no date for at all, since nothing shows it in use', () => {
    const findings = judge(consoleUser({ passwordLastChanged: null, userCreationTime: null }));
    expect(verdicts(findings)).toEqual([['FAIL', 'alice']]);
    expect(findings[0]?.message).toMatch(
      /never used, set at no date the credential report records/,
    );
  });

  test('judges only users with a console password', () => {
    const findings = judge(
      consoleUser({ passwordLastUsed: daysAgo(3) }),
      reportUser('deploy', { accessKeys: [accessKey(100, 100), accessKey(100, null, false)] }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'alice']]);
  });

  test('takes the threshold from the scan configuration', () => {
    const findings = runOnUsers(check, [consoleUser({ passwordLastUsed: daysAgo(30) })], {
      maxUnusedCredentialDays: 30,
    });
    expect(verdicts(findings)).toEqual([['FAIL', 'alice']]);
    expect(findings[0]?.message).toMatch(/30 days or more without use/);
  });

  test('is not applicable when no user has a console password', () => {
    const findings = judge(reportUser('deploy'));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toMatch(/no IAM user with a console password/);
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
