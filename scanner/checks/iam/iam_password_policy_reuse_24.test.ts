import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { passwordPolicyWith } from '../../../test/fixtures/resources';
import check from './iam_password_policy_reuse_24';

describe('iam_password_policy_reuse_24', () => {
  test('passes a policy that remembers 24 passwords, the AWS maximum', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ passwordReusePrevention: 24 }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
    expect(findings[0]?.message).toMatch(/prevents reuse of the last 24 passwords/);
  });

  test.each([1, 5, 23])('fails a policy that remembers only %i passwords', (remembered) => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ passwordReusePrevention: remembered }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      new RegExp(`only the last ${remembered} passwords, fewer than 24`),
    );
  });

  test('fails a policy that does not prevent reuse at all', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ passwordReusePrevention: null }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/does not prevent password reuse/);
  });

  test('fails an account without a password policy and is never not applicable', () => {
    const findings = runCheck(check, inventoryOf({ global: { passwordPolicy: null } }));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/no password policy/);
  });

  test('takes the minimum from the scan configuration', () => {
    const policy = passwordPolicyWith({ passwordReusePrevention: 12 });
    expect(
      verdicts(
        runCheck(check, inventoryOf({ global: { passwordPolicy: policy } }), {
          minPasswordReusePrevention: 12,
        }),
      ),
    ).toEqual([['PASS', '123456789012']]);
  });

  test('reports an error naming the API when the policy could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { passwordPolicy: failed('iam:GetAccountPasswordPolicy') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetAccountPasswordPolicy failed in us-east-1/);
  });
});
