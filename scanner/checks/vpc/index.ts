import type { Check } from '../../model/check';

/** VPC checks, in report order. */
export const VPC_CHECKS: readonly Check[] = [];
