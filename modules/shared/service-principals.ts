/**
 * Regions that an account must opt in to (launched after March 2019). In these regions some
 * services act as a regional service principal, `<service>.<region>.amazonaws.com`, which bucket
 * and key policies must name next to the global one.
 *
 * @see https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
export const OPT_IN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
] as const;

/**
 * The service principals a service uses in the given regions: the global one, and the regional
 * one of each opt-in region among them.
 */
export function servicePrincipals(service: string, regions: readonly string[]): string[] {
  const optIn = regions.filter((region) => (OPT_IN_REGIONS as readonly string[]).includes(region));
  return [
    `${service}.amazonaws.com`,
    ...[...new Set(optIn)].map((region) => `${service}.${region}.amazonaws.com`),
  ];
}
