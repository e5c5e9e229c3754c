import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { accessKey, reportUser } from '../../../test/fixtures/resources';
import { credentialReportOf } from '../../../test/fixtures/iam-checks';
import check from './iam_user_mfa_enabled_console_access';

describe('iam_user_mfa_enabled_console_access', () => {
  test('passes a console user with MFA and fails one without, leaving users without a password unjudged', () => {
    const report = credentialReportOf(
      reportUser('alice', { passwordEnabled: true, mfaActive: true }),
      reportUser('bob', { passwordEnabled: true, mfaActive: false }),
      reportUser('deploy', { accessKeys: [accessKey(10), accessKey(10, 1, false)] }),
    );
    const findings = runCheck(check, inventoryOf({ global: { credentialReport: report } }));
    expect(verdicts(findings)).toEqual([
      ['PASS', 'alice'],
      ['FAIL', 'bob'],
    ]);
    expect(findings[0]?.message).toBe('User alice has a console password and MFA enabled.');
    expect(findings[1]).toMatchObject({
      severity: 'high',
      resourceType: 'AwsIamUser',
      resourceArn: 'arn:aws:iam::123456789012:user/bob',
      message: 'User bob has a console password and no MFA device.',
    });
  });

  test('is not applicable when no user has a console password', () => {
    const report = credentialReportOf(reportUser('deploy', { mfaActive: true }));
    const findings = runCheck(check, inventoryOf({ global: { credentialReport: report } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe(
      'Account 123456789012 has no IAM user with a console password.',
    );
  });

  test('leaves the root user to the root checks', () => {
    const report = {
      ...credentialReportOf(),
      root: reportUser('<root_account>', { passwordEnabled: true }),
    };
    expect(
      verdicts(runCheck(check, inventoryOf({ global: { credentialReport: report } }))),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('reports an error naming the API when the credential report could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { credentialReport: failed('iam:GetCredentialReport') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetCredentialReport failed in us-east-1/);
  });
});
