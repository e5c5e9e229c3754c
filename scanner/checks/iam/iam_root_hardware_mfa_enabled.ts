import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { rootResource, summaryCounter } from './root-user';

export default defineCheck({
  id: 'iam_root_hardware_mfa_enabled',
  title: 'The root user signs in with a hardware MFA device',
  service: 'iam',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  risk: 'A virtual MFA seed lives on a phone or laptop that can be cloned, backed up to the cloud or stolen with the device; a hardware key keeps the root second factor out of reach of malware and account-recovery attacks.',
  remediation:
    'Sign in as the root user, remove the virtual MFA device and assign a FIDO security key or hardware TOTP token under Security credentials.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html',
  ],
  needs: ['accountSummary', 'virtualMfaDevices'],
  // The account summary says whether root has any MFA; ListVirtualMFADevices names the virtual
  // devices assigned to root. MFA without a virtual device is a hardware or FIDO device.
  evaluate({ accountSummary, virtualMfaDevices }, ctx) {
    const root = rootResource(ctx);
    if (summaryCounter(accountSummary, 'AccountMFAEnabled') !== 1)
      return [fail(root, `The root user of account ${ctx.account} has no MFA device at all.`)];
    const virtual = virtualMfaDevices.find((device) => device.userArn === root.arn);
    return [
      virtual
        ? fail(
            root,
            `The root user of account ${ctx.account} uses the virtual MFA device ${virtual.serialNumber}, not a hardware device.`,
          )
        : pass(root, `The root user of account ${ctx.account} uses a hardware MFA device.`),
    ];
  },
});
