import type { Check } from '../../model/check';
import secretsmanager_not_publicly_accessible from './secretsmanager_not_publicly_accessible';

/** Secrets Manager checks. */
export const SECRETSMANAGER_CHECKS: readonly Check[] = [secretsmanager_not_publicly_accessible];
