import type { Check } from '../../model/check';
import kms_cmk_rotation_enabled from './kms_cmk_rotation_enabled';

/** KMS checks, in report order. */
export const KMS_CHECKS: readonly Check[] = [kms_cmk_rotation_enabled];
