import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'account_security_contact_information_is_registered',
  title: 'The account has a security alternate contact with an email and a phone number',
  service: 'account',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without a security contact, AWS Trust & Safety notices of abuse, exposed keys or a compromise go to the root email alone, which in many organizations nobody on the security team reads.',
  remediation:
    'aws account put-alternate-contact --alternate-contact-type SECURITY --name <team> --title <title> --email-address <shared mailbox> --phone-number <number>.',
  references: [
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  ],
  needs: ['securityContact'],
  evaluate: ({ securityContact }, ctx) => {
    const account = accountResource(ctx, 'account', GLOBAL_REGION);
    if (!securityContact) return [fail(account, 'No security alternate contact is registered.')];
    if (!securityContact.email.trim() || !securityContact.phone.trim())
      return [
        fail(account, 'The security alternate contact lacks an email address or a phone number.'),
      ];
    return [pass(account, `The security alternate contact is ${securityContact.email}.`)];
  },
});
