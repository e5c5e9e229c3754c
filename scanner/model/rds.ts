import type { Tags } from './finding';

/** An RDS DB instance (rds:DescribeDBInstances), reduced to what the CIS controls read. */
export interface DbInstance {
  readonly id: string;
  readonly arn: string;
  readonly engine: string;
  /**
   * The Aurora or Multi-AZ DB cluster the instance belongs to. Encryption and deletion
   * protection of such a member are the cluster's, and are judged on the cluster.
   */
  readonly clusterId: string | null;
  readonly storageEncrypted: boolean;
  readonly autoMinorVersionUpgrade: boolean;
  /** True when the endpoint resolves to a public address (the flag the CIS audit reads). */
  readonly publiclyAccessible: boolean;
  readonly deletionProtection: boolean;
  readonly tags: Tags;
}

/** An RDS DB cluster (rds:DescribeDBClusters): Aurora or Multi-AZ. */
export interface DbCluster {
  readonly id: string;
  readonly arn: string;
  readonly engine: string;
  readonly storageEncrypted: boolean;
  readonly deletionProtection: boolean;
  readonly tags: Tags;
}
