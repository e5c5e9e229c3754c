import type { Check } from '../../model/check';
import eventbridge_bus_not_publicly_accessible from './eventbridge_bus_not_publicly_accessible';

/** EventBridge checks. */
export const EVENTBRIDGE_CHECKS: readonly Check[] = [eventbridge_bus_not_publicly_accessible];
