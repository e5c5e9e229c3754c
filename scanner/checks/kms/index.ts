import type { Check } from '../../model/check';
import kms_cmk_rotation_enabled from './kms_cmk_rotation_enabled';
import kms_key_not_publicly_accessible from './kms_key_not_publicly_accessible';

/** KMS checks, in report order. */
export const KMS_CHECKS: readonly Check[] = [
  kms_cmk_rotation_enabled,
  kms_key_not_publicly_accessible,
];
