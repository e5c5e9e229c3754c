import type { Check } from '../../model/check';
import account_maintain_current_contact_details from './account_maintain_current_contact_details';
import account_security_contact_information_is_registered from './account_security_contact_information_is_registered';

/** Account contact checks. */
export const ACCOUNT_CHECKS: readonly Check[] = [
  account_maintain_current_contact_details,
  account_security_contact_information_is_registered,
];
