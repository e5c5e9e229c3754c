import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
} from '@aws-sdk/client-account';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { GlobalCollector } from './collector';

/**
 * The security alternate contact of the scanned account. AWS answers ResourceNotFoundException
 * when none is registered, which reads as null; any other refusal fails the slice.
 */
export const securityContact: GlobalCollector<'securityContact'> = {
  scope: 'global',
  apis: ['account:GetAlternateContact'],
  async collect(ctx) {
    try {
      const { AlternateContact: contact } = await ctx.aws
        .get(AccountClient, ctx.globalRegion)
        .send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
      return {
        name: contact?.Name ?? '',
        email: contact?.EmailAddress ?? '',
        phone: contact?.PhoneNumber ?? '',
      };
    } catch (error) {
      if (hasAwsErrorName(error, ['ResourceNotFoundException'])) return null;
      throw error;
    }
  },
};

/** The fields GetContactInformation must return for a contact an AWS team can reach. */
const REQUIRED_FIELDS = [
  'FullName',
  'PhoneNumber',
  'AddressLine1',
  'City',
  'PostalCode',
  'CountryCode',
] as const;

/**
 * Which required fields of the account's primary contact are empty; only their presence is
 * kept, not the personal data. moto 5.2.1 does not implement GetContactInformation.
 */
export const contactInformation: GlobalCollector<'contactInformation'> = {
  scope: 'global',
  apis: ['account:GetContactInformation'],
  async collect(ctx) {
    try {
      const { ContactInformation: contact } = await ctx.aws
        .get(AccountClient, ctx.globalRegion)
        .send(new GetContactInformationCommand({}));
      return { missing: REQUIRED_FIELDS.filter((field) => !contact?.[field]?.trim()) };
    } catch (error) {
      if (hasAwsErrorName(error, ['ResourceNotFoundException']))
        return { missing: [...REQUIRED_FIELDS] };
      throw error;
    }
  },
};
