import type { Check } from '../../model/check';
import efs_encryption_at_rest_enabled from './efs_encryption_at_rest_enabled';

/** EFS checks. */
export const EFS_CHECKS: readonly Check[] = [efs_encryption_at_rest_enabled];
