import type { Check } from '../../model/check';
import securityhub_enabled from './securityhub_enabled';

/** Security Hub checks. */
export const SECURITYHUB_CHECKS: readonly Check[] = [securityhub_enabled];
