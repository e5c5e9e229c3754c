/** organizations:DescribeOrganization as seen from the scanned account. */
export interface Organization {
  readonly id: string;
  readonly arn: string;
  readonly managementAccountId: string;
  /** `ALL` or `CONSOLIDATED_BILLING`. */
  readonly featureSet: string;
}

/** An account registered as delegated administrator of one or more services. */
export interface DelegatedAdministrator {
  readonly accountId: string;
  readonly services: readonly string[];
}

/** A service control or resource control policy and the targets it is attached to. */
export interface OrganizationPolicy {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** `SERVICE_CONTROL_POLICY` or `RESOURCE_CONTROL_POLICY`. */
  readonly type: string;
  /** True for the AWS-managed FullAWSAccess / RCPFullAWSAccess policies, which restrict nothing. */
  readonly awsManaged: boolean;
  /** Root, OU or account ids. */
  readonly targets: readonly string[];
}

/**
 * What the management account (or a delegated administrator) can read of the organization's
 * governance. Member accounts cannot list delegated administrators or policies.
 */
export interface OrganizationGovernance {
  readonly delegatedAdministrators: readonly DelegatedAdministrator[];
  readonly policies: readonly OrganizationPolicy[];
}
