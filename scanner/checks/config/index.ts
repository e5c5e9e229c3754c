import type { Check } from '../../model/check';

/** AWS Config checks, in report order. */
export const CONFIG_CHECKS: readonly Check[] = [];
