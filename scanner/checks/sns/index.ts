import type { Check } from '../../model/check';
import sns_topics_not_publicly_accessible from './sns_topics_not_publicly_accessible';

/** SNS checks. */
export const SNS_CHECKS: readonly Check[] = [sns_topics_not_publicly_accessible];
