import type { Check } from '../../model/check';
import accessanalyzer_enabled from './accessanalyzer_enabled';

/** IAM Access Analyzer checks. */
export const ACCESSANALYZER_CHECKS: readonly Check[] = [accessanalyzer_enabled];
