import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, manual } from '../results';

export default defineCheck({
  id: 'account_maintain_current_contact_details',
  title: 'The account contact details are complete (a person confirms they are current)',
  service: 'account',
  severity: 'low',
  resourceType: 'AwsAccount',
  risk: 'AWS uses the account contact to reach the owner about a compromise or a suspension; with missing or stale details the notice is lost and the account may be suspended during an incident.',
  remediation:
    'Fill in the full name, phone number and address: aws account put-contact-information --contact-information FullName=...,PhoneNumber=...,AddressLine1=...,City=...,PostalCode=...,CountryCode=...',
  references: [
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  ],
  needs: ['contactInformation'],
  // Whether details are current cannot be read from the API: complete details are MANUAL, for a
  // person to confirm, and only missing ones FAIL.
  evaluate: ({ contactInformation }, ctx) => {
    const account = accountResource(ctx, 'account', GLOBAL_REGION);
    return contactInformation.missing.length > 0
      ? [fail(account, `The account contact lacks: ${contactInformation.missing.join(', ')}.`)]
      : [manual(account, 'The account contact details are complete; confirm they are current.')];
  },
});
