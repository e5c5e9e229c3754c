import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { clusterResource, perRegion } from './databases';

export default defineCheck({
  id: 'rds_cluster_storage_encrypted',
  title: 'Every RDS DB cluster encrypts its storage at rest',
  service: 'rds',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  risk: 'An unencrypted cluster volume, its backups and snapshots can be shared out of the account and restored without a KMS key, leaving no key-use trail.',
  remediation:
    'Snapshot the cluster, restore it from the snapshot with --kms-key-id (or copy the snapshot encrypted), and switch clients to the new cluster endpoint.',
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
  ],
  needs: ['dbClusters'],
  evaluate: ({ dbClusters }, ctx) =>
    perRegion(ctx, dbClusters, 'DB clusters', (region, cluster) =>
      cluster.storageEncrypted
        ? pass(clusterResource(region, cluster), `DB cluster ${cluster.id} encrypts its storage.`)
        : fail(
            clusterResource(region, cluster),
            `DB cluster ${cluster.id} (${cluster.engine}) does not encrypt its storage.`,
          ),
    ),
});
