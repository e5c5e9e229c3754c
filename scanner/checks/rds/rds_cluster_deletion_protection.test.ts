import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbCluster, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_cluster_deletion_protection';

describe('rds_cluster_deletion_protection', () => {
  test('passes a protected cluster and fails an unprotected one', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbClusters: [dbCluster('good'), dbCluster('bad', { deletionProtection: false })],
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
