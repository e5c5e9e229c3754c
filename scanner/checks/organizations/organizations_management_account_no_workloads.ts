import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'organizations_management_account_no_workloads',
  title: 'The organization management account runs no EC2 workloads',
  service: 'organizations',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'A workload in the management account puts code an intruder can exploit next to credentials that control every member account, and SCPs cannot restrict the management account.',
  remediation:
    'Move the instances to a member account in a workloads OU and keep the management account for billing and organization administration only.',
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
  ],
  needs: ['organization', 'instances'],
  // EC2 instances are the workloads this scan reads; Lambda, containers and databases in the
  // management account still need a person's review.
  evaluate({ organization, instances }, ctx) {
    const account = {
      region: GLOBAL_REGION,
      type: 'AwsAccount',
      id: ctx.account,
      arn: `arn:${ctx.partition}:organizations::${ctx.account}:account`,
    };
    if (!organization || organization.managementAccountId !== ctx.account)
      return [
        notApplicable(
          account,
          `Account ${ctx.account} is not the management account of an organization.`,
        ),
      ];
    const live = ctx.regions.flatMap((region) =>
      (instances[region] ?? [])
        .filter((instance) => instance.state !== 'terminated')
        .map((instance) => `${instance.id} (${region})`),
    );
    return [
      live.length > 0
        ? fail(account, `Management account ${ctx.account} runs EC2 instances: ${live.join(', ')}.`)
        : pass(
            account,
            `Management account ${ctx.account} runs no EC2 instances in the scanned regions.`,
          ),
    ];
  },
});
