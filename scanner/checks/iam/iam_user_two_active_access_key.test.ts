import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import { credentialReportOf } from '../../../test/fixtures/iam-checks';
import check from './iam_user_two_active_access_key';

describe('iam_user_two_active_access_key', () => {
  test('fails a user with two active keys and passes users with one', () => {
    const report = credentialReportOf(
      reportUser('both', { accessKeys: [accessKey(10), accessKey(20)] }),
      reportUser('first', { accessKeys: [accessKey(10), accessKey(20, 5, false)] }),
      reportUser('second', { accessKeys: [accessKey(20, 5, false), accessKey(10)] }),
      reportUser('console', { passwordEnabled: true }),
    );
    const findings = runCheck(check, inventoryOf({ global: { credentialReport: report } }));
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'both'],
      ['PASS', 'first'],
      ['PASS', 'second'],
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'User both has two active access keys.',
      'User first has one active access key (access key 1).',
      'User second has one active access key (access key 2).',
    ]);
  });

  test('is not applicable when no user has an active access key', () => {
    const report = credentialReportOf(
      reportUser('old', { accessKeys: [accessKey(10, 5, false), accessKey(20, 5, false)] }),
    );
    const findings = runCheck(check, inventoryOf({ global: { credentialReport: report } }));
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
