/** The account's security alternate contact (account:GetAlternateContact SECURITY). */
export interface SecurityContact {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

/** The account's primary contact (account:GetContactInformation), reduced to what is filled in. */
export interface ContactInformation {
  /** Names of the required fields (full name, phone, address, city, postal code, country) left empty. */
  readonly missing: readonly string[];
}
