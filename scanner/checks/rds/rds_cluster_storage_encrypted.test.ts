import { describeRdsSettingCheck } from '../../../test/fixtures/rds';
import check from './rds_cluster_storage_encrypted';

describeRdsSettingCheck({ check, of: 'cluster', setting: 'storageEncrypted' });
