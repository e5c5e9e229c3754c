import type { Check } from '../../model/check';
import cloudtrail_kms_encryption_enabled from './cloudtrail_kms_encryption_enabled';
import cloudtrail_log_file_validation_enabled from './cloudtrail_log_file_validation_enabled';
import cloudtrail_logs_s3_bucket_access_logging_enabled from './cloudtrail_logs_s3_bucket_access_logging_enabled';
import cloudtrail_new_resources_by_expected_creators from './cloudtrail_new_resources_by_expected_creators';
import cloudtrail_multi_region_enabled from './cloudtrail_multi_region_enabled';
import cloudtrail_s3_dataevents_write_enabled from './cloudtrail_s3_dataevents_write_enabled';
import cloudtrail_s3_dataevents_read_enabled from './cloudtrail_s3_dataevents_read_enabled';

/** CloudTrail checks, in report order. */
export const CLOUDTRAIL_CHECKS: readonly Check[] = [
  cloudtrail_multi_region_enabled,
  cloudtrail_log_file_validation_enabled,
  cloudtrail_kms_encryption_enabled,
  cloudtrail_logs_s3_bucket_access_logging_enabled,
  cloudtrail_s3_dataevents_write_enabled,
  cloudtrail_s3_dataevents_read_enabled,
  cloudtrail_new_resources_by_expected_creators,
];
