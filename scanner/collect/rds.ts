import {
  RDSClient,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  type Tag,
} from '@aws-sdk/client-rds';
import type { Tags } from '../model/finding';
import type { DbCluster, DbInstance } from '../model/rds';
import type { RegionalCollector } from './collector';

function tagsOf(list: readonly Tag[] | undefined): Tags {
  return Object.fromEntries((list ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

/**
 * A region's DB instances, tags included in the same answer. DescribeDBInstances also returns
 * Neptune and DocumentDB instances, which the same controls fit; their engine is kept.
 */
export const dbInstances: RegionalCollector<'dbInstances'> = {
  scope: 'regional',
  apis: ['rds:DescribeDBInstances'],
  async collect(ctx, region) {
    const client = ctx.aws.get(RDSClient, region);
    const instances: DbInstance[] = [];
    for await (const page of paginateDescribeDBInstances({ client }, {}))
      for (const db of page.DBInstances ?? [])
        instances.push({
          id: db.DBInstanceIdentifier ?? '',
          arn: db.DBInstanceArn ?? '',
          engine: db.Engine ?? '',
          clusterId: db.DBClusterIdentifier ?? null,
          storageEncrypted: db.StorageEncrypted ?? false,
          autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade ?? false,
          publiclyAccessible: db.PubliclyAccessible ?? false,
          deletionProtection: db.DeletionProtection ?? false,
          tags: tagsOf(db.TagList),
        });
    return instances;
  },
};

/** A region's DB clusters (Aurora and Multi-AZ), tags included. */
export const dbClusters: RegionalCollector<'dbClusters'> = {
  scope: 'regional',
  apis: ['rds:DescribeDBClusters'],
  async collect(ctx, region) {
    const client = ctx.aws.get(RDSClient, region);
    const clusters: DbCluster[] = [];
    for await (const page of paginateDescribeDBClusters({ client }, {}))
      for (const cluster of page.DBClusters ?? [])
        clusters.push({
          id: cluster.DBClusterIdentifier ?? '',
          arn: cluster.DBClusterArn ?? '',
          engine: cluster.Engine ?? '',
          storageEncrypted: cluster.StorageEncrypted ?? false,
          deletionProtection: cluster.DeletionProtection ?? false,
          tags: tagsOf(cluster.TagList),
        });
    return clusters;
  },
};
