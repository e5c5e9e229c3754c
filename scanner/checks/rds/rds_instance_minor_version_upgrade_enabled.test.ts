import { runCheck, verdicts } from '../../../test/fixtures/inventory';
import { dbInstance, rdsAccount } from '../../../test/fixtures/rds';
import check from './rds_instance_minor_version_upgrade_enabled';

describe('rds_instance_minor_version_upgrade_enabled', () => {
  test('passes an instance that upgrades minor versions and fails one that does not', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('good'), dbInstance('bad', { autoMinorVersionUpgrade: false })],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'good'],
      ['FAIL', 'bad'],
    ]);
  });

  test('is not applicable to a region without DB instances', () => {
    const findings = runCheck(check, rdsAccount({ dbInstances: [] }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });

  test('judges cluster members too, since the setting is per instance', () => {
    const findings = runCheck(
      check,
      rdsAccount({
        dbInstances: [dbInstance('member', { clusterId: 'c', autoMinorVersionUpgrade: false })],
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'member']]);
  });
});
