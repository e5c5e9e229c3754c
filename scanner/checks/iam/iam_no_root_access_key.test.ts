import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './iam_no_root_access_key';

describe('iam_no_root_access_key', () => {
  test('fails when the root user has access keys', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { accountSummary: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'root']]);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      region: 'global',
      resourceType: 'AwsIamUser',
      resourceArn: 'arn:aws:iam::123456789012:root',
      message: 'The root user of account 123456789012 has access keys.',
    });
  });

  test('passes when the root user has no access keys', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountAccessKeysPresent: 0 } } }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'root']]);
    expect(findings[0]?.message).toMatch(/has no access keys/);
  });

  test('is never not applicable: every account has a root user', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { accountSummary: { AccountAccessKeysPresent: 0, Users: 0, Roles: 0 } },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['PASS']);
  });

  test('reports an error naming the counter when the summary lacks it, rather than passing', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountMFAEnabled: 1 } } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /iam:GetAccountSummary returned no AccountAccessKeysPresent counter/,
    );
  });

  test('reports an error naming the API when the summary could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: failed('iam:GetAccountSummary') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /iam:GetAccountSummary failed in us-east-1 \(AccessDenied/,
    );
  });
});
