import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole, iamUser } from '../../../test/fixtures/resources';
import check from './iam_policy_cloudshell_admin_not_attached';

const CLOUDSHELL = {
  name: 'AWSCloudShellFullAccess',
  arn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
};

describe('iam_policy_cloudshell_admin_not_attached', () => {
  test('passes when nobody holds AWSCloudShellFullAccess', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { authorizationDetails: authorizationDetails({ users: [iamUser('alice')] }) },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'AWSCloudShellFullAccess']]);
  });

  test('fails naming every principal the policy is attached to', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          authorizationDetails: authorizationDetails({
            users: [iamUser('alice', { attachedPolicies: [CLOUDSHELL] })],
            roles: [iamRole('ops', { attachedPolicies: [CLOUDSHELL] })],
          }),
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'AWSCloudShellFullAccess']]);
    expect(findings[0]?.message).toBe(
      'AWSCloudShellFullAccess is attached to user alice, role ops.',
    );
  });

  test('is never not applicable: an account without principals passes', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { authorizationDetails: authorizationDetails() } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['PASS']);
  });
});
