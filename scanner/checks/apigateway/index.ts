import type { Check } from '../../model/check';
import apigateway_stage_access_logging_enabled from './apigateway_stage_access_logging_enabled';

/** API Gateway checks. */
export const APIGATEWAY_CHECKS: readonly Check[] = [apigateway_stage_access_logging_enabled];
