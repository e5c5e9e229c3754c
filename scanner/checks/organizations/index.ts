import type { Check } from '../../model/check';
import organizations_delegated_administrators from './organizations_delegated_administrators';
import organizations_management_account_no_workloads from './organizations_management_account_no_workloads';
import organizations_scp_rcp_guardrails_attached from './organizations_scp_rcp_guardrails_attached';

/** AWS Organizations checks (CIS v7 section 2.1). */
export const ORGANIZATIONS_CHECKS: readonly Check[] = [
  organizations_scp_rcp_guardrails_attached,
  organizations_management_account_no_workloads,
  organizations_delegated_administrators,
];
