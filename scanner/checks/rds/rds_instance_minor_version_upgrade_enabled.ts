import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { instanceResource, perRegion } from './databases';

export default defineCheck({
  id: 'rds_instance_minor_version_upgrade_enabled',
  title: 'Every RDS DB instance has auto minor version upgrade on',
  service: 'rds',
  severity: 'low',
  resourceType: 'AwsRdsDbInstance',
  risk: 'Without automatic minor upgrades an instance keeps running engine versions with published security fixes it never received.',
  remediation:
    'aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately (the upgrade itself runs in the maintenance window).',
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html',
  ],
  needs: ['dbInstances'],
  evaluate: ({ dbInstances }, ctx) =>
    perRegion(ctx, dbInstances, 'DB instances', (region, db) =>
      db.autoMinorVersionUpgrade
        ? pass(instanceResource(region, db), `DB instance ${db.id} upgrades minor versions.`)
        : fail(
            instanceResource(region, db),
            `DB instance ${db.id} has auto minor version upgrade off.`,
          ),
    ),
});
