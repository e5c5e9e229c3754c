import type { Check } from '../../model/check';
import cloudfront_distributions_logging_enabled from './cloudfront_distributions_logging_enabled';

/** CloudFront checks. */
export const CLOUDFRONT_CHECKS: readonly Check[] = [cloudfront_distributions_logging_enabled];
