import { inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import check from './account_maintain_current_contact_details';

describe('account_maintain_current_contact_details', () => {
  test('fails missing fields, naming them', () => {
    const [finding] = runCheck(
      check,
      inventoryOf({ global: { contactInformation: { missing: ['PhoneNumber'] } } }),
    );
    expect(finding).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(/PhoneNumber/),
    });
  });

  test('leaves complete details for a person to confirm as current', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { contactInformation: { missing: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['MANUAL']);
  });
});
