import { FRAMEWORKS } from '../../scanner/compliance';

const CIS_FRAMEWORKS = FRAMEWORKS.filter((framework) => framework.id.startsWith('cis-'));

/**
 * Where each RDS setting lives decides which checks a CIS RDS control needs. Encryption and
 * deletion protection of an Aurora (or Multi-AZ) cluster member are the cluster's, so the
 * instance checks skip members and the cluster checks must be mapped beside them; auto minor
 * version upgrade and PubliclyAccessible are set per instance, members included, so the
 * instance checks cover Aurora on their own.
 */
const RDS_CONTROLS: readonly { readonly title: RegExp; readonly checks: readonly string[] }[] = [
  {
    title: /encryption-at-rest is enabled for RDS/,
    checks: ['rds_instance_storage_encrypted', 'rds_cluster_storage_encrypted'],
  },
  {
    title: /deletion protection is enabled for RDS/,
    checks: ['rds_instance_deletion_protection', 'rds_cluster_deletion_protection'],
  },
  {
    title: /Auto Minor Version Upgrade feature is enabled for RDS/,
    checks: ['rds_instance_minor_version_upgrade_enabled'],
  },
  { title: /RDS instances are not publicly accessible/, checks: ['rds_instance_no_public_access'] },
];

describe('the CIS RDS mappings', () => {
  test.each(CIS_FRAMEWORKS.map((framework) => [framework.id, framework] as const))(
    '%s maps each RDS control to the checks of every place the setting lives',
    (_, framework) => {
      for (const { title, checks } of RDS_CONTROLS) {
        const controls = framework.controls.filter((candidate) => title.test(candidate.title));
        // Deletion protection is a control only from v7.1 on.
        if (!/deletion/.test(title.source) || framework.id === 'cis-aws-7.1')
          expect([title.source, controls.length]).toEqual([title.source, 1]);
        for (const control of controls)
          expect([control.id, [...control.checks].sort()]).toEqual([
            control.id,
            [...checks].sort(),
          ]);
      }
    },
  );

  test('cover deletion protection in v7.1, which added it', () => {
    const v71 = CIS_FRAMEWORKS.find((framework) => framework.id === 'cis-aws-7.1');
    expect(v71?.controls.find((control) => /deletion protection/.test(control.title))?.id).toBe(
      '3.2.5',
    );
  });
});
