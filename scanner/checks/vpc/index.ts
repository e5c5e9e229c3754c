import type { Check } from '../../model/check';
import vpc_flow_logs_enabled from './vpc_flow_logs_enabled';
import vpc_endpoints_used_for_aws_services from './vpc_endpoints_used_for_aws_services';

/** VPC checks, in report order. */
export const VPC_CHECKS: readonly Check[] = [
  vpc_flow_logs_enabled,
  vpc_endpoints_used_for_aws_services,
];
