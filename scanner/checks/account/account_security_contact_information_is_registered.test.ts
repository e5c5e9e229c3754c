import { failed, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import check from './account_security_contact_information_is_registered';

const statusOf = (securityContact: Parameters<typeof inventoryOf>[0]) =>
  runCheck(check, inventoryOf(securityContact)).map((finding) => finding.status);

describe('account_security_contact_information_is_registered', () => {
  test('passes a security contact with email and phone', () => {
    expect(
      statusOf({
        global: { securityContact: { name: 'SOC', email: 'soc@x.example', phone: '+1' } },
      }),
    ).toEqual(['PASS']);
  });

  test('fails when none is registered, or it has no phone', () => {
    expect(statusOf({ global: { securityContact: null } })).toEqual(['FAIL']);
    expect(
      statusOf({ global: { securityContact: { name: 'SOC', email: 'soc@x.example', phone: '' } } }),
    ).toEqual(['FAIL']);
  });

  test('reports ERROR when the contact could not be read', () => {
    expect(
      statusOf({ global: { securityContact: failed('account:GetAlternateContact') } }),
    ).toEqual(['ERROR']);
  });
});
