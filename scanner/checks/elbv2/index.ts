import type { Check } from '../../model/check';
import elbv2_logging_enabled from './elbv2_logging_enabled';

/** Elastic Load Balancing v2 checks. */
export const ELBV2_CHECKS: readonly Check[] = [elbv2_logging_enabled];
