import type { Check } from '../../model/check';
import readiness_evidence_bucket_kms_encrypted from './readiness_evidence_bucket_kms_encrypted';
import readiness_evidence_bucket_object_lock_compliance from './readiness_evidence_bucket_object_lock_compliance';
import readiness_evidence_bucket_policy_protects_evidence from './readiness_evidence_bucket_policy_protects_evidence';
import readiness_evidence_bucket_present from './readiness_evidence_bucket_present';
import readiness_evidence_bucket_versioning_enabled from './readiness_evidence_bucket_versioning_enabled';
import readiness_isolation_security_groups_present from './readiness_isolation_security_groups_present';

/** Incident-response readiness checks: is the plumbing the responders rely on in place? */
export const READINESS_CHECKS: readonly Check[] = [
  readiness_evidence_bucket_present,
  readiness_evidence_bucket_object_lock_compliance,
  readiness_evidence_bucket_policy_protects_evidence,
  readiness_evidence_bucket_versioning_enabled,
  readiness_evidence_bucket_kms_encrypted,
  readiness_isolation_security_groups_present,
];
