import { defineCheck } from '../../model/check';
import { accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'macie_is_enabled',
  title: 'Amazon Macie is enabled and not paused in every region',
  service: 'macie',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without Macie nobody knows which buckets hold personal or secret data, so after a breach a responder cannot tell what an intruder could read, nor whom to notify.',
  remediation:
    'aws macie2 enable-macie --region <region> (or from the delegated administrator for the organization), then turn on automated sensitive data discovery; resume a paused session with aws macie2 update-macie-session --status ENABLED.',
  references: ['https://docs.aws.amazon.com/macie/latest/user/getting-started.html'],
  needs: ['macieSession'],
  // CIS marks this control manual (the data must also be classified and secured); Macie being
  // on in every region is the automatable part of it.
  evaluate: ({ macieSession }, ctx) =>
    ctx.regions.map((region) => {
      const account = accountResource(ctx, 'macie2', region);
      const session = macieSession[region];
      if (!session) return fail(account, `Macie is not enabled in ${region}.`);
      return session.status === 'ENABLED'
        ? pass(account, `Macie is enabled in ${region}.`)
        : fail(account, `Macie is ${session.status} in ${region}, so it discovers nothing.`);
    }),
});
