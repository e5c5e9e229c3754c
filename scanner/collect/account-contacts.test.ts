import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
} from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { contactInformation, securityContact } from './account-contacts';

const account = mockClient(AccountClient);

beforeEach(() => account.reset());

const awsError = (name: string) =>
  Object.assign(new Error(`${name} from AWS`), { name, $metadata: { httpStatusCode: 400 } });

describe('the account contact collectors', () => {
  test('read the security contact, and none as null', async () => {
    account
      .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
      .resolvesOnce({
        AlternateContact: { Name: 'SOC', EmailAddress: 'soc@x.example', PhoneNumber: '+1' },
      })
      .rejectsOnce(awsError('ResourceNotFoundException'));
    expect(await securityContact.collect(collectContext())).toEqual({
      name: 'SOC',
      email: 'soc@x.example',
      phone: '+1',
    });
    expect(await securityContact.collect(collectContext())).toBeNull();
  });

  test('let a refusal of the security contact fail the slice', async () => {
    account.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException'));
    await expect(securityContact.collect(collectContext())).rejects.toThrow(/AccessDenied/);
  });

  // moto 5.2.1 does not implement GetContactInformation: mocks only.
  test('keep only which primary contact fields are empty', async () => {
    account.on(GetContactInformationCommand).resolves({
      ContactInformation: {
        FullName: 'Ops',
        PhoneNumber: ' ',
        AddressLine1: '1 Main St',
        City: 'Springfield',
        PostalCode: '12345',
        CountryCode: 'US',
      },
    });
    expect(await contactInformation.collect(collectContext())).toEqual({
      missing: ['PhoneNumber'],
    });
  });
});
