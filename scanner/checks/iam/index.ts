import type { Check } from '../../model/check';
import iam_no_root_access_key from './iam_no_root_access_key';
import iam_password_policy_minimum_length_14 from './iam_password_policy_minimum_length_14';
import iam_password_policy_reuse_24 from './iam_password_policy_reuse_24';
import iam_root_mfa_enabled from './iam_root_mfa_enabled';

/** IAM checks, in report order. */
export const IAM_CHECKS: readonly Check[] = [
  iam_no_root_access_key,
  iam_root_mfa_enabled,
  iam_password_policy_minimum_length_14,
  iam_password_policy_reuse_24,
];
