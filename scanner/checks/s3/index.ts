import type { Check } from '../../model/check';
import s3_account_level_public_access_blocks from './s3_account_level_public_access_blocks';
import s3_bucket_level_public_access_block from './s3_bucket_level_public_access_block';
import s3_bucket_secure_transport_policy from './s3_bucket_secure_transport_policy';
import s3_bucket_no_mfa_delete from './s3_bucket_no_mfa_delete';
import s3_bucket_policy_not_publicly_accessible from './s3_bucket_policy_not_publicly_accessible';

/** S3 checks, in report order. */
export const S3_CHECKS: readonly Check[] = [
  s3_account_level_public_access_blocks,
  s3_bucket_level_public_access_block,
  s3_bucket_secure_transport_policy,
  s3_bucket_no_mfa_delete,
  s3_bucket_policy_not_publicly_accessible,
];
