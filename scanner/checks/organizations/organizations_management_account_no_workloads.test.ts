import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { instance } from '../../../test/fixtures/resources';
import check from './organizations_management_account_no_workloads';

const ORG = {
  id: 'o-abc',
  arn: 'arn:aws:organizations::123456789012:organization/o-abc',
  managementAccountId: '123456789012',
  featureSet: 'ALL',
};

describe('organizations_management_account_no_workloads', () => {
  test('passes a management account without instances', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { organization: ORG },
        regional: {
          'us-east-1': { instances: [instance('i-gone', 'us-east-1', { state: 'terminated' })] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
  });

  test('fails a management account that runs an instance', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { organization: ORG },
        regional: { 'us-east-1': { instances: [instance('i-app')] } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/i-app \(us-east-1\)/);
  });

  test('is not applicable to a member account', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { organization: { ...ORG, managementAccountId: '999999999999' } },
        regional: { 'us-east-1': { instances: [instance('i-app')] } },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
