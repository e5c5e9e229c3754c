import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeFromManagementAccount } from './organization';

export default defineCheck({
  id: 'organizations_delegated_administrators',
  title: 'Organization services are run from delegated administrator accounts',
  service: 'organizations',
  severity: 'medium',
  resourceType: 'AwsOrganizationsOrganization',
  risk: 'When security services and policies are administered from the management account, everyone who runs them needs access to the one account no SCP can restrict, and its compromise is the compromise of every member.',
  remediation:
    'Register member accounts as delegated administrators of Organizations policies and of the integrated security services (GuardDuty, Security Hub, Config, IAM Access Analyzer, CloudTrail), and administer them from there.',
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html',
  ],
  needs: ['organization', 'organizationGovernance'],
  evaluate: ({ organization, organizationGovernance }, ctx) =>
    judgeFromManagementAccount(
      organization,
      organizationGovernance,
      ctx,
      (org, governance, resource) => {
        const admins = governance.delegatedAdministrators.filter(
          (admin) => admin.services.length > 0,
        );
        return admins.length > 0
          ? pass(
              resource,
              `Organization ${org.id} delegates administration: ${admins.map((admin) => `${admin.accountId} (${admin.services.join(', ')})`).join('; ')}.`,
            )
          : fail(
              resource,
              `Organization ${org.id} has no delegated administrator; every service is administered from the management account.`,
            );
      },
    ),
});
