import { describeRdsSettingCheck } from '../../../test/fixtures/rds';
import check from './rds_instance_deletion_protection';

describeRdsSettingCheck({ check, of: 'instance', setting: 'deletionProtection' });
