import { runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbInstance, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_instance_storage_encrypted';

describe('rds_instance_storage_encrypted', () => {
  test('passes an encrypted instance and fails an unencrypted one', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('good'), dbInstance('bad', { storageEncrypted: false })],
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
        dbInstances: [dbInstance('member', { clusterId: 'c', storageEncrypted: false })],
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
