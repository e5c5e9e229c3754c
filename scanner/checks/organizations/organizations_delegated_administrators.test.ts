import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './organizations_delegated_administrators';

const ORG = {
  id: 'o-abc',
  arn: 'arn:aws:organizations::123456789012:organization/o-abc',
  managementAccountId: '123456789012',
  featureSet: 'ALL',
};

describe('organizations_delegated_administrators', () => {
  test('passes when a member account administers a service', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          organization: ORG,
          organizationGovernance: {
            policies: [],
            delegatedAdministrators: [
              { accountId: '222222222222', services: ['guardduty.amazonaws.com'] },
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'o-abc']]);
  });

  test('fails when nothing is delegated', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          organization: ORG,
          organizationGovernance: { policies: [], delegatedAdministrators: [] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'o-abc']]);
  });

  test('is not applicable outside an organization', () => {
    expect(
      runCheck(
        check,
        inventoryOf({ global: { organization: null, organizationGovernance: null } }),
      ).map((f) => f.status),
    ).toEqual(['NOT_APPLICABLE']);
  });
});
