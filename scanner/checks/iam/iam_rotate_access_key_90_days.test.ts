import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import type { CredentialReportKey, CredentialReportUser } from '../../model/iam';
import { NO_KEY, runOnUsers } from '../../../test/fixtures/iam-checks';
import check from './iam_rotate_access_key_90_days';

const judge = (...users: CredentialReportUser[]) => runOnUsers(check, users);

describe('iam_rotate_access_key_90_days', () => {
  test.each<[number, string]>([
    [30, 'PASS'],
    [90, 'PASS'],
    [91, 'FAIL'],
    [400, 'FAIL'],
  ])('judges an active key created %i days ago: %s', (age, status) => {
    expect(verdicts(judge(reportUser('deploy', { accessKeys: [accessKey(age), NO_KEY] })))).toEqual(
      [[status, 'deploy']],
    );
  });

  test('names the old key and its age', () => {
    const findings = judge(reportUser('deploy', { accessKeys: [accessKey(30), accessKey(120)] }));
    expect(findings[0]?.message).toBe(
      'User deploy has active access key 2 created 120 days ago (2026-02-01), more than 90 days ago.',
    );
  });

  test('names every active key when all are recent', () => {
    const findings = judge(reportUser('deploy', { accessKeys: [accessKey(30), accessKey(90)] }));
    expect(findings[0]?.message).toBe(
      'User deploy has active access key 1 created 30 days ago (2026-05-02) and access key 2 created 90 days ago (2026-03-03), within 90 days.',
    );
  });

  test('ignores an old inactive key', () => {
    expect(
      verdicts(
        judge(reportUser('deploy', { accessKeys: [accessKey(500, 400, false), accessKey(10)] })),
      ),
    ).toEqual([['PASS', 'deploy']]);
  });

  test('dates a key without a rotation date by the creation of its user', () => {
    const key: CredentialReportKey = { active: true, lastRotated: null, lastUsedDate: null };
    const findings = judge(reportUser('deploy', { accessKeys: [key, NO_KEY] }));
    expect(verdicts(findings)).toEqual([['FAIL', 'deploy']]);
    expect(findings[0]?.message).toMatch(/access key 1 created 400 days ago/);
  });

  test('takes the maximum age from the scan configuration', () => {
    const findings = runOnUsers(
      check,
      [reportUser('deploy', { accessKeys: [accessKey(45), NO_KEY] })],
      { maxAccessKeyAgeDays: 30 },
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'deploy']]);
  });

  test('is not applicable when no user has an active access key', () => {
    const findings = judge(reportUser('alice', { passwordEnabled: true }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toMatch(/no IAM user with an active access key/);
  });

  test('reports an error naming the API when the credential report could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { credentialReport: failed('iam:GetCredentialReport') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
  });
});
