import type { Check } from '../../model/check';
import config_recorder_all_regions_enabled from './config_recorder_all_regions_enabled';

/** AWS Config checks, in report order. */
export const CONFIG_CHECKS: readonly Check[] = [config_recorder_all_regions_enabled];
