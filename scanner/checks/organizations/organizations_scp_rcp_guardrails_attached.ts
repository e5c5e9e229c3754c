import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeFromManagementAccount } from './organization';

export default defineCheck({
  id: 'organizations_scp_rcp_guardrails_attached',
  title: 'The organization attaches its own service or resource control policies',
  service: 'organizations',
  severity: 'medium',
  resourceType: 'AwsOrganizationsOrganization',
  risk: 'With only the AWS-managed FullAWSAccess policies attached, nothing stops an intruder in a member account from leaving the organization, disabling CloudTrail or GuardDuty, or sharing data outside it.',
  remediation:
    'Enable SCPs (and RCPs) and attach guardrails to the root or OUs: deny organizations:LeaveOrganization, deny stopping CloudTrail, GuardDuty and Config, and restrict resource access to the organization.',
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html',
  ],
  needs: ['organization', 'organizationGovernance'],
  evaluate: ({ organization, organizationGovernance }, ctx) =>
    judgeFromManagementAccount(
      organization,
      organizationGovernance,
      ctx,
      (org, governance, resource) => {
        const guardrails = governance.policies.filter(
          (policy) => !policy.awsManaged && policy.targets.length > 0,
        );
        return guardrails.length > 0
          ? pass(
              resource,
              `Organization ${org.id} attaches ${guardrails.map((policy) => `${policy.name} (${policy.type})`).join(', ')}.`,
            )
          : fail(
              resource,
              `Organization ${org.id} attaches no service or resource control policy of its own.`,
            );
      },
    ),
});
