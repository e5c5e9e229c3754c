import type { ComplianceFramework } from './framework';

const SECTION = 'Incident-response plumbing';
const UNAUTHORIZED = 'Unauthorized resources';

/**
 * Pyjamas incident-response readiness: is the plumbing the responders rely on in place and
 * unchanged? Judged from the live account, so it holds in the scheduled scan too, where no
 * Terraform state is at hand (`pyjamas drift` compares with the state where it is). The
 * unauthorized-resources controls look for what an intruder leaves: instances in unused regions,
 * identities created since the compromise began, and resources created since then by principals
 * outside the expected set.
 */
export const PYJAMAS_IR_READINESS: ComplianceFramework = {
  id: 'pyjamas-ir-readiness',
  name: 'Pyjamas incident-response readiness',
  version: '1.0',
  url: 'README.md#readiness-checks (in the Pyjamas package)',
  controls: [
    {
      id: 'R1',
      title: 'The isolation and untrack groups exist in every VPC with exactly their rules',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['readiness_isolation_security_groups_present'],
    },
    {
      id: 'R2',
      title:
        'The evidence bucket keeps Object Lock, versioning, encryption, Block Public Access and its policy',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: [
        'readiness_evidence_bucket_present',
        'readiness_evidence_bucket_object_lock_compliance',
        'readiness_evidence_bucket_versioning_enabled',
        'readiness_evidence_bucket_kms_encrypted',
        'readiness_evidence_bucket_public_access_blocked',
        'readiness_evidence_bucket_policy_protects_evidence',
      ],
    },
    {
      id: 'R3',
      title: 'A trail logs every region with log file validation',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['readiness_trail_logging_with_validation'],
    },
    {
      id: 'R4',
      title: 'GuardDuty is enabled in every region with its protection plans',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['guardduty_is_enabled', 'readiness_guardduty_features_enabled'],
    },
    {
      id: 'R5',
      title: 'Every VPC has an active flow log',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['vpc_flow_logs_enabled'],
    },
    {
      id: 'R6',
      title: 'AWS Config records in every region and the remediations exist',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['config_recorder_all_regions_enabled', 'readiness_config_remediations_present'],
    },
    {
      id: 'R7',
      title: 'The responder functions exist and enforce unless dry run is declared',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['readiness_responder_functions_enforcing'],
    },
    {
      id: 'R8',
      title: 'The forensic AMI is younger than the configured age',
      section: SECTION,
      level: 1,
      assessment: 'automated',
      checks: ['readiness_forensic_ami_recent'],
    },
    {
      id: 'R9',
      title: 'No instance runs outside the allowed regions (allowedRegions)',
      section: UNAUTHORIZED,
      level: 1,
      assessment: 'automated',
      checks: ['ec2_instance_in_allowed_region'],
    },
    {
      id: 'R10',
      title:
        'Every IAM user, role and access key created since the time under review (createdSince) was expected',
      section: UNAUTHORIZED,
      level: 1,
      assessment: 'manual',
      checks: ['iam_identity_not_created_since'],
    },
    {
      id: 'R11',
      title:
        'Every instance, IAM user, role and access key created since the time under review was created by an expected principal (expectedCreators)',
      section: UNAUTHORIZED,
      level: 1,
      assessment: 'automated',
      checks: ['cloudtrail_new_resources_by_expected_creators'],
    },
  ],
};
