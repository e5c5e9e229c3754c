import type { Check } from '../../model/check';
import readiness_config_remediations_present from './readiness_config_remediations_present';
import readiness_evidence_bucket_kms_encrypted from './readiness_evidence_bucket_kms_encrypted';
import readiness_evidence_bucket_object_lock_compliance from './readiness_evidence_bucket_object_lock_compliance';
import readiness_evidence_bucket_policy_protects_evidence from './readiness_evidence_bucket_policy_protects_evidence';
import readiness_evidence_bucket_present from './readiness_evidence_bucket_present';
import readiness_evidence_bucket_public_access_blocked from './readiness_evidence_bucket_public_access_blocked';
import readiness_evidence_bucket_versioning_enabled from './readiness_evidence_bucket_versioning_enabled';
import readiness_forensic_ami_recent from './readiness_forensic_ami_recent';
import readiness_guardduty_features_enabled from './readiness_guardduty_features_enabled';
import readiness_isolation_security_groups_present from './readiness_isolation_security_groups_present';
import readiness_responder_functions_enforcing from './readiness_responder_functions_enforcing';
import readiness_trail_logging_with_validation from './readiness_trail_logging_with_validation';

/** Incident-response readiness checks: is the plumbing the responders rely on in place? */
export const READINESS_CHECKS: readonly Check[] = [
  readiness_evidence_bucket_present,
  readiness_evidence_bucket_object_lock_compliance,
  readiness_evidence_bucket_policy_protects_evidence,
  readiness_evidence_bucket_versioning_enabled,
  readiness_evidence_bucket_kms_encrypted,
  readiness_evidence_bucket_public_access_blocked,
  readiness_isolation_security_groups_present,
  readiness_trail_logging_with_validation,
  readiness_guardduty_features_enabled,
  readiness_config_remediations_present,
  readiness_responder_functions_enforcing,
  readiness_forensic_ami_recent,
];
