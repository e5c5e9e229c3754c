import type { Check } from '../../model/check';
import glacier_vaults_policy_public_access from './glacier_vaults_policy_public_access';

/** S3 Glacier checks. */
export const GLACIER_CHECKS: readonly Check[] = [glacier_vaults_policy_public_access];
