import type { Check } from '../../model/check';
import iam_password_policy_minimum_length_14 from './iam_password_policy_minimum_length_14';

/** IAM checks, in report order. */
export const IAM_CHECKS: readonly Check[] = [iam_password_policy_minimum_length_14];
