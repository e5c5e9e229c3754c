import type { Fetched } from './inventory';
import type { PolicyDocument } from './policy';

/** A service control policy or resource control policy with its document. */
export interface OrganizationPolicy {
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
  readonly policies: readonly OrganizationPolicy[];
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
 * The organization's SCPs and RCPs as they bear on the scanned account. Only the management
 * account or a delegated administrator may read them, so a denied read is kept inside the
 * slice: permission checks then judge identity policies and boundaries alone (SCPs only ever
 * narrow access) and say so. `null` data means the account is not in an organization.
 */
export interface OrganizationPolicies {
  readonly guardrails: Fetched<OrganizationGuardrails | null>;
}
