import type { Fetched } from './inventory';
import type { PolicyDocument } from './policy';

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

/** A service control policy or resource control policy with its document. */
export interface GuardrailPolicy {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly document: PolicyDocument;
}

/** The policies of one kind attached directly to one level of the organization. */
export interface PolicyTarget {
  /** `r-…`, `ou-…` or the account id. */
  readonly targetId: string;
  readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  readonly policies: readonly GuardrailPolicy[];
}

/** The organization's guardrails over the scanned account, from the root down to the account. */
export interface OrganizationGuardrails {
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** Every level from the root to the account, each with its SCPs. */
  readonly scps: readonly PolicyTarget[];
  /** Same for RCPs; null when the organization has not enabled RCPs. */
  readonly rcps: readonly PolicyTarget[] | null;
}

/**
 * The organization's SCPs and RCPs as they bear on the scanned account, with their documents.
 * Only the management account or a delegated administrator may read them, so a denied read is
 * kept inside the slice: permission checks then judge identity policies and boundaries alone
 * (SCPs only ever narrow access) and say so. `null` data means the account is not in an
 * organization.
 */
export interface OrganizationPolicies {
  readonly guardrails: Fetched<OrganizationGuardrails | null>;
}
