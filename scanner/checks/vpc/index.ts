import type { Check } from '../../model/check';
import vpc_flow_logs_enabled from './vpc_flow_logs_enabled';

/** VPC checks, in report order. */
export const VPC_CHECKS: readonly Check[] = [vpc_flow_logs_enabled];
