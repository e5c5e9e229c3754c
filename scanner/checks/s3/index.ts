import type { Check } from '../../model/check';

/** S3 checks, in report order. */
export const S3_CHECKS: readonly Check[] = [];
