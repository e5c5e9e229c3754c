import { CIS_AWS_6_0 } from './cis-aws-6.0';
import { applyDelta, type ControlsDelta } from './derive';
import type { ComplianceFramework } from './framework';

/**
 * What CIS changed from v6.0.0 to v7.0.0, existing controls named by their v6.0 id. Only section
 * 2 is renumbered: the new Organizations controls take 2.1, which moves v6.0's 2.1–2.9 one down;
 * dropping v6.0's 2.10 and 2.12 moves 2.13–2.21 one up, so 2.11 keeps its number and a new 2.21
 * follows. Sections 3 to 6 keep their numbers; 4.10 and 6.8 are new, 6.6 is only reworded.
 */
const CHANGED_IN_7_0: ControlsDelta = {
  renumbered: {
    '2.1': '2.2',
    '2.2': '2.3',
    '2.3': '2.4',
    '2.4': '2.5',
    '2.5': '2.6',
    '2.6': '2.7',
    '2.7': '2.8',
    '2.8': '2.9',
    '2.9': '2.10',
    '2.13': '2.12',
    '2.14': '2.13',
    '2.15': '2.14',
    '2.16': '2.15',
    '2.17': '2.16',
    '2.18': '2.17',
    '2.19': '2.18',
    '2.20': '2.19',
    '2.21': '2.20',
  },
  removed: [
    // Do not create access keys during initial setup for IAM users with a console password
    '2.10',
    // Ensure there is only one active access key for any single IAM user
    '2.12',
  ],
  changed: {
    '2.1': { title: 'Maintain current AWS account contact details' },
    '2.15': {
      title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
    },
    '6.6': { title: 'Ensure routing tables for VPC peering are "least access"' },
  },
  added: [
    {
      id: '2.1.1',
      title: 'Ensure centralized root access in AWS Organizations',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: ['iam_root_credentials_management_enabled'],
    },
    {
      id: '2.1.2',
      title: 'Ensure authorization guardrails for all AWS Organization accounts',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: ['organizations_scp_rcp_guardrails_attached'],
    },
    {
      id: '2.1.3',
      title: 'Ensure Organizations management account is not used for workloads',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: ['organizations_management_account_no_workloads'],
    },
    {
      id: '2.1.4',
      title: 'Ensure Organizational Units are structured by environment and sensitivity',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: [],
    },
    {
      id: '2.1.5',
      title: 'Ensure delegated admin manages AWS Organizations policies',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: ['organizations_delegated_administrators'],
    },
    {
      id: '2.1.6',
      title: 'Ensure delegated admins manage AWS Organizations-integrated services',
      section: '2 Identity and Access Management',
      level: 2,
      assessment: 'manual',
      checks: ['organizations_delegated_administrators'],
    },
    {
      id: '2.21',
      title: "Ensure AWS resource policies do not allow unrestricted access using 'Principal': '*'",
      section: '2 Identity and Access Management',
      level: 1,
      assessment: 'manual',
      checks: [
        's3_bucket_policy_not_publicly_accessible',
        'sqs_queues_not_publicly_accessible',
        'sns_topics_not_publicly_accessible',
        'lambda_function_not_publicly_accessible',
        'kms_key_not_publicly_accessible',
        'eventbridge_bus_not_publicly_accessible',
        'glacier_vaults_policy_public_access',
        'secretsmanager_not_publicly_accessible',
      ],
    },
    {
      id: '4.10',
      title: 'Ensure all AWS-managed web front-end services have access logging enabled',
      section: '4 Logging',
      level: 1,
      assessment: 'manual',
      checks: [
        'elbv2_logging_enabled',
        'apigateway_stage_access_logging_enabled',
        'cloudfront_distributions_logging_enabled',
      ],
    },
    {
      id: '6.8',
      title: 'Ensure VPC Endpoints are used for access to AWS Services',
      section: '6 Networking',
      level: 2,
      assessment: 'manual',
      checks: ['vpc_endpoints_used_for_aws_services'],
    },
  ],
};

/** CIS Amazon Web Services Foundations Benchmark v7.0.0: v6.0.0 plus what CIS changed in 7.0. */
export const CIS_AWS_7_0: ComplianceFramework = {
  ...CIS_AWS_6_0,
  id: 'cis-aws-7.0',
  version: '7.0.0',
  controls: applyDelta(CIS_AWS_6_0.controls, CHANGED_IN_7_0),
};
