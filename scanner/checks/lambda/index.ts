import type { Check } from '../../model/check';
import lambda_function_not_publicly_accessible from './lambda_function_not_publicly_accessible';

/** Lambda checks. */
export const LAMBDA_CHECKS: readonly Check[] = [lambda_function_not_publicly_accessible];
