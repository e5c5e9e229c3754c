import type { Check } from '../../model/check';

/** GuardDuty checks, in report order. */
export const GUARDDUTY_CHECKS: readonly Check[] = [];
