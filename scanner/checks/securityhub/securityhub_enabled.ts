import { defineCheck } from '../../model/check';
import { accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'securityhub_enabled',
  title: 'Security Hub is enabled in every region',
  service: 'securityhub',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without Security Hub, GuardDuty, Inspector, Macie and Config findings of a region stay in separate consoles, and a responder has no single place to see what fired during an incident.',
  remediation:
    'Enable it in each region (ideally through the delegated administrator for the whole organization): aws securityhub enable-security-hub --region <region>.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
  ],
  needs: ['securityHub'],
  evaluate: ({ securityHub }, ctx) =>
    ctx.regions.map((region) => {
      const account = accountResource(ctx, 'securityhub', region);
      const hub = securityHub[region];
      return hub
        ? pass(account, `Security Hub is enabled in ${region} (${hub.hubArn}).`)
        : fail(account, `Security Hub is not enabled in ${region}.`);
    }),
});
