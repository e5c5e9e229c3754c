import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './iam_root_mfa_enabled';

describe('iam_root_mfa_enabled', () => {
  test('passes when the root user has MFA enabled', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'root']]);
    expect(findings[0]).toMatchObject({
      resourceArn: 'arn:aws:iam::123456789012:root',
      message: 'The root user of account 123456789012 has MFA enabled.',
    });
  });

  test('fails when the root user has no MFA device', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountMFAEnabled: 0 } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'root']]);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      message: expect.stringMatching(/has no MFA device/),
    });
  });

  test('is never not applicable: every account has a root user', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountMFAEnabled: 0, Users: 0 } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['FAIL']);
  });

  test('reports an error naming the counter when the summary lacks it, rather than failing or passing', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountAccessKeysPresent: 0 } } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /iam:GetAccountSummary returned no AccountMFAEnabled counter/,
    );
  });

  test('reports an error naming the API when the summary could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: failed('iam:GetAccountSummary') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetAccountSummary failed in us-east-1/);
  });
});
