import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbCluster, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_cluster_storage_encrypted';

describe('rds_cluster_storage_encrypted', () => {
  test('passes an encrypted cluster and fails an unencrypted one', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbClusters: [dbCluster('good'), dbCluster('bad', { storageEncrypted: false })],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'good'],
      ['FAIL', 'bad'],
    ]);
  });

  test('is not applicable to a region without DB clusters', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { dbClusters: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
