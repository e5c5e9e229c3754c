import { describeRdsSettingCheck } from '../../../test/fixtures/rds';
import check from './rds_instance_storage_encrypted';

describeRdsSettingCheck({ check, of: 'instance', setting: 'storageEncrypted' });
