import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamUser,
  managedPolicy,
  policyDocument,
  reportUser,
} from '../../../test/fixtures/resources';
import { credentialReportOf } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_administrator_mfa_enabled';

const NO_ORG = { guardrails: { ok: true as const, data: null } };
const run = (details: AuthorizationDetails, extra: object = {}) =>
  runCheck(
    check,
    inventoryOf({
      global: { authorizationDetails: details, organizationPolicies: NO_ORG, ...extra },
    }),
  );
const ADMIN = managedPolicy('AdministratorAccess', {
  awsManaged: true,
  document: policyDocument(ADMIN_STATEMENT),
});
const admin = { name: ADMIN.name, arn: ADMIN.arn };

describe('iam_administrator_mfa_enabled', () => {
  test('flags an administrator with a password and no MFA', () => {
    const details = authorizationDetails({
      users: [
        iamUser('boss', { attachedPolicies: [admin] }),
        iamUser('safe', { attachedPolicies: [admin] }),
      ],
      policies: [ADMIN],
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
