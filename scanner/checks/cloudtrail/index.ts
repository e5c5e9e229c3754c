import type { Check } from '../../model/check';

/** CloudTrail checks, in report order. */
export const CLOUDTRAIL_CHECKS: readonly Check[] = [];
