import { ACCOUNT, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './ec2_ebs_volume_encryption';

function volume(id: string, encrypted: boolean) {
  return { id, arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${id}`, state: 'in-use', encrypted };
}

describe('ec2_ebs_volume_encryption', () => {
  test('passes an encrypted volume and fails an unencrypted one', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { volumes: [volume('vol-a', true), volume('vol-b', false)] } },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'vol-a'],
      ['FAIL', 'vol-b'],
    ]);
  });

  test('is not applicable to a region without volumes', () => {
    const findings = runCheck(check, inventoryOf({ regional: { 'us-east-1': { volumes: [] } } }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
