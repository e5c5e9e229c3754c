import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'iam_root_credentials_management_enabled',
  title: 'The organization manages member root credentials centrally',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsOrganizationsOrganization',
  risk: 'Without centralised root access, every member account keeps a root password, keys and MFA of its own: dozens of unrestricted credentials to phish, lose or leave behind.',
  remediation:
    'From the management account: aws iam enable-organizations-root-credentials-management and aws iam enable-organizations-root-sessions, then delete the member accounts’ root credentials.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html',
  ],
  needs: ['organization', 'organizationsRootFeatures'],
  evaluate({ organization, organizationsRootFeatures }, ctx) {
    const account = {
      region: GLOBAL_REGION,
      type: 'AwsAccount',
      id: ctx.account,
      arn: `arn:${ctx.partition}:iam::${ctx.account}:root`,
    };
    if (!organization)
      return [
        notApplicable(account, `Account ${ctx.account} is not a member of an AWS Organization.`),
      ];
    const resource = {
      region: GLOBAL_REGION,
      type: 'AwsOrganizationsOrganization',
      id: organization.id,
      arn: organization.arn,
    };
    const features = organizationsRootFeatures?.enabledFeatures ?? [];
    return [
      features.includes('RootCredentialsManagement')
        ? pass(
            resource,
            `Organization ${organization.id} manages member root credentials centrally (${features.join(', ')}).`,
          )
        : fail(
            resource,
            `Organization ${organization.id} does not manage member root credentials centrally.`,
          ),
    ];
  },
});
