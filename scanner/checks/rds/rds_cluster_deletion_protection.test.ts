import { describeRdsSettingCheck } from '../../../test/fixtures/rds';
import check from './rds_cluster_deletion_protection';

describeRdsSettingCheck({ check, of: 'cluster', setting: 'deletionProtection' });
