import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './iam_root_credentials_management_enabled';

const ORG = {
  id: 'o-abc',
  arn: 'arn:aws:organizations::123456789012:organization/o-abc',
  managementAccountId: '123456789012',
  featureSet: 'ALL',
};

describe('iam_root_credentials_management_enabled', () => {
  test('passes when root credentials management is enabled', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          organization: ORG,
          organizationsRootFeatures: {
            organizationId: 'o-abc',
            enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'o-abc']]);
  });

  test('fails when IAM trusted access is off or the feature is not enabled', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { organization: ORG, organizationsRootFeatures: null } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'o-abc']]);
  });

  test('is not applicable outside an organization', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { organization: null, organizationsRootFeatures: null } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
