import type { Check } from '../../model/check';

/** KMS checks, in report order. */
export const KMS_CHECKS: readonly Check[] = [];
