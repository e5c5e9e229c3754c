import type { Check } from '../../model/check';
import rds_cluster_deletion_protection from './rds_cluster_deletion_protection';
import rds_cluster_storage_encrypted from './rds_cluster_storage_encrypted';
import rds_instance_deletion_protection from './rds_instance_deletion_protection';
import rds_instance_minor_version_upgrade_enabled from './rds_instance_minor_version_upgrade_enabled';
import rds_instance_no_public_access from './rds_instance_no_public_access';
import rds_instance_storage_encrypted from './rds_instance_storage_encrypted';

/** RDS checks, in report order. */
export const RDS_CHECKS: readonly Check[] = [
  rds_instance_storage_encrypted,
  rds_cluster_storage_encrypted,
  rds_instance_minor_version_upgrade_enabled,
  rds_instance_no_public_access,
  rds_instance_deletion_protection,
  rds_cluster_deletion_protection,
];
