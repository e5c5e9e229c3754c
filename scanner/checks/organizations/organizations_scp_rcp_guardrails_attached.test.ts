import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './organizations_scp_rcp_guardrails_attached';

const ORG = {
  id: 'o-abc',
  arn: 'arn:aws:organizations::123456789012:organization/o-abc',
  managementAccountId: '123456789012',
  featureSet: 'ALL',
};

function policy(name: string, awsManaged: boolean, targets: string[]) {
  return {
    id: `p-${name}`,
    arn: `arn:aws:organizations::123456789012:policy/o-abc/service_control_policy/p-${name}`,
    name,
    type: 'SERVICE_CONTROL_POLICY',
    awsManaged,
    targets,
  };
}

describe('organizations_scp_rcp_guardrails_attached', () => {
  test('passes when a policy of the organization’s own is attached', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          organization: ORG,
          organizationGovernance: {
            delegatedAdministrators: [],
            policies: [
              policy('FullAWSAccess', true, ['r-1']),
              policy('deny-leave', false, ['r-1']),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'o-abc']]);
  });

  test('fails with only FullAWSAccess, or with a guardrail attached to nothing', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          organization: ORG,
          organizationGovernance: {
            delegatedAdministrators: [],
            policies: [policy('FullAWSAccess', true, ['r-1']), policy('draft', false, [])],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'o-abc']]);
  });

  test('is not applicable outside an organization and manual from a member account', () => {
    expect(
      runCheck(
        check,
        inventoryOf({ global: { organization: null, organizationGovernance: null } }),
      ).map((f) => f.status),
    ).toEqual(['NOT_APPLICABLE']);
    expect(
      runCheck(
        check,
        inventoryOf({
          global: {
            organization: { ...ORG, managementAccountId: '999999999999' },
            organizationGovernance: null,
          },
        }),
      ).map((f) => f.status),
    ).toEqual(['MANUAL']);
  });
});
