import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { instanceResource, perRegion, standaloneInstances } from './databases';

export default defineCheck({
  id: 'rds_instance_deletion_protection',
  title: 'Every RDS DB instance outside a cluster has deletion protection on',
  service: 'rds',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  risk: 'Without deletion protection one DeleteDBInstance call, by mistake or by an intruder covering tracks or extorting, destroys the database and, unless asked otherwise, its automated backups.',
  remediation:
    'aws rds modify-db-instance --db-instance-identifier <id> --deletion-protection --apply-immediately.',
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
  ],
  needs: ['dbInstances'],
  evaluate: ({ dbInstances }, ctx) =>
    perRegion(
      ctx,
      standaloneInstances(dbInstances),
      'DB instances outside a cluster (cluster members are judged on their cluster)',
      (region, db) =>
        db.deletionProtection
          ? pass(instanceResource(region, db), `DB instance ${db.id} has deletion protection.`)
          : fail(instanceResource(region, db), `DB instance ${db.id} has deletion protection off.`),
    ),
});
