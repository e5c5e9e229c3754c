import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { instance } from '../../../test/fixtures/resources';
import check from './ec2_instance_profile_attached';

describe('ec2_instance_profile_attached', () => {
  test('passes an instance with a profile and fails one without', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            instances: [
              instance('i-role', 'us-east-1', {
                instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/app',
              }),
              instance('i-keys'),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'i-role'],
      ['FAIL', 'i-keys'],
    ]);
  });

  test('is not applicable to a region with only terminated instances', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { instances: [instance('i-gone', 'us-east-1', { state: 'terminated' })] },
        },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
