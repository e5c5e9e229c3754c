import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbInstance, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_instance_no_public_access';

describe('rds_instance_no_public_access', () => {
  test('passes a private instance and fails one flagged publicly accessible', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('good'), dbInstance('bad', { publiclyAccessible: true })],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'good'],
      ['FAIL', 'bad'],
    ]);
  });

  test('judges Aurora cluster members too, since the flag is per instance', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [
          dbInstance('writer', {
            clusterId: 'c',
            engine: 'aurora-mysql',
            publiclyAccessible: true,
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'writer']]);
  });

  test('is not applicable to a region without DB instances', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { dbInstances: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
