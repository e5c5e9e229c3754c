import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { passwordPolicyWith } from '../../../test/fixtures/resources';
import check from './iam_password_policy_minimum_length_14';

describe('iam_password_policy_minimum_length_14', () => {
  test.each([14, 20])('passes a policy that requires %i characters', (length) => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: length }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
  });

  test('fails a policy that requires 13 characters', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 13 }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/only 13 characters/);
  });

  test('fails an account without a password policy, since the AWS default is 8 characters', () => {
    const findings = runCheck(check, inventoryOf({ global: { passwordPolicy: null } }));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/no password policy/);
  });

  test('takes the minimum from the scan configuration', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 16 }) },
      }),
      {
        minPasswordLength: 20,
      },
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
  });

  test('reports an error naming the API when the policy could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { passwordPolicy: failed('iam:GetAccountPasswordPolicy') } }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /iam:GetAccountPasswordPolicy failed in us-east-1 \(AccessDenied/,
    );
  });
});
