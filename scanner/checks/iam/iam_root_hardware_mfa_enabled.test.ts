import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './iam_root_hardware_mfa_enabled';

const ROOT = 'arn:aws:iam::123456789012:root';

describe('iam_root_hardware_mfa_enabled', () => {
  test('passes when root has MFA and no virtual device is assigned to it', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          accountSummary: { AccountMFAEnabled: 1 },
          virtualMfaDevices: [
            {
              serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
              userArn: 'arn:aws:iam::123456789012:user/alice',
            },
          ],
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'root']]);
  });

  test('fails when the root MFA device is virtual', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          accountSummary: { AccountMFAEnabled: 1 },
          virtualMfaDevices: [
            {
              serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
              userArn: ROOT,
            },
          ],
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'root']]);
    expect(findings[0]?.message).toMatch(/virtual MFA device/);
  });

  test('is never not applicable: root without any MFA fails', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountSummary: { AccountMFAEnabled: 0 }, virtualMfaDevices: [] } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'root']]);
  });

  test('reports an error when the virtual devices could not be listed, never a pass', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          accountSummary: { AccountMFAEnabled: 1 },
          virtualMfaDevices: failed('iam:ListVirtualMFADevices'),
        },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['ERROR']);
  });
});
