import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { instanceResource, perRegion, standaloneInstances } from './databases';

export default defineCheck({
  id: 'rds_instance_storage_encrypted',
  title: 'Every RDS DB instance outside a cluster encrypts its storage at rest',
  service: 'rds',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  risk: 'Unencrypted storage, its automated backups and every snapshot can be copied or shared out of the account and restored anywhere without a KMS key, leaving no key-use trail.',
  remediation:
    'Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with --kms-key-id, restore a new instance from the copy and switch clients to it.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  needs: ['dbInstances'],
  evaluate: ({ dbInstances }, ctx) =>
    perRegion(
      ctx,
      standaloneInstances(dbInstances),
      'DB instances outside a cluster (cluster members are judged on their cluster)',
      (region, db) =>
        db.storageEncrypted
          ? pass(instanceResource(region, db), `DB instance ${db.id} encrypts its storage.`)
          : fail(
              instanceResource(region, db),
              `DB instance ${db.id} (${db.engine}) does not encrypt its storage.`,
            ),
    ),
});
