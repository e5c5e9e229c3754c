import { runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbInstance, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_instance_deletion_protection';

describe('rds_instance_deletion_protection', () => {
  test('passes a protected instance and fails an unprotected one', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('good'), dbInstance('bad', { deletionProtection: false })],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'good'],
      ['FAIL', 'bad'],
    ]);
  });

  test('is not applicable to a region with only cluster members, which are judged on their cluster', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('member', { clusterId: 'c', deletionProtection: false })],
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
