import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { clusterResource, perRegion } from './databases';

export default defineCheck({
  id: 'rds_cluster_deletion_protection',
  title: 'Every RDS DB cluster has deletion protection on',
  service: 'rds',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  risk: 'Without deletion protection one DeleteDBCluster call, by mistake or by an intruder, destroys the cluster and, unless a final snapshot is asked for, its data.',
  remediation:
    'aws rds modify-db-cluster --db-cluster-identifier <id> --deletion-protection --apply-immediately.',
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection',
  ],
  needs: ['dbClusters'],
  evaluate: ({ dbClusters }, ctx) =>
    perRegion(ctx, dbClusters, 'DB clusters', (region, cluster) =>
      cluster.deletionProtection
        ? pass(
            clusterResource(region, cluster),
            `DB cluster ${cluster.id} has deletion protection.`,
          )
        : fail(
            clusterResource(region, cluster),
            `DB cluster ${cluster.id} has deletion protection off.`,
          ),
    ),
});
