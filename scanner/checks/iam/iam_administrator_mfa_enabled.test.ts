import { verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser, reportUser } from '../../../test/fixtures/resources';
import {
  ADMINISTRATOR_ACCESS,
  ADMINISTRATOR_ATTACHMENT,
  credentialReportOf,
  runOnPrincipals,
} from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_administrator_mfa_enabled';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_administrator_mfa_enabled', () => {
  test('flags an administrator with a password and no MFA', () => {
    const details = authorizationDetails({
      users: [
        iamUser('boss', { attachedPolicies: [ADMINISTRATOR_ATTACHMENT] }),
        iamUser('safe', { attachedPolicies: [ADMINISTRATOR_ATTACHMENT] }),
      ],
      policies: [ADMINISTRATOR_ACCESS],
    });
    const report = credentialReportOf(
      reportUser('boss', { passwordEnabled: true }),
      reportUser('safe', { passwordEnabled: true, mfaActive: true }),
    );
    expect(verdicts(run(details, { credentialReport: report }))).toEqual([
      ['FAIL', 'boss'],
      ['PASS', 'safe'],
    ]);
  });
});
