import type { Check } from '../../model/check';
import sqs_queues_not_publicly_accessible from './sqs_queues_not_publicly_accessible';

/** SQS checks. */
export const SQS_CHECKS: readonly Check[] = [sqs_queues_not_publicly_accessible];
