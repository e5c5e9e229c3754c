import type { Check } from '../../model/check';
import guardduty_is_enabled from './guardduty_is_enabled';

/** GuardDuty checks, in report order. */
export const GUARDDUTY_CHECKS: readonly Check[] = [guardduty_is_enabled];
