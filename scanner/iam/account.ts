import type { AuthorizationDetails } from '../model/iam';
import type { OrganizationPolicies } from '../model/organizations';
import { AccountAnalysis } from './analysis';
import { buildPermissionModel } from './principals';

const analyses = new WeakMap<
  AuthorizationDetails,
  { org: OrganizationPolicies | undefined; analysis: AccountAnalysis }
>();

/**
 * The permission analysis of an account's authorization details (and guardrails, when read).
 * Every check of a scan receives the same slice objects, so they share one analysis.
 */
export function analyseAccount(
  details: AuthorizationDetails,
  org: OrganizationPolicies | undefined,
  account: string,
  partition: string,
): AccountAnalysis {
  const known = analyses.get(details);
  if (known && known.org === org && known.analysis.model.account === account) return known.analysis;
  const analysis = new AccountAnalysis(buildPermissionModel(details, org, account, partition));
  analyses.set(details, { org, analysis });
  return analysis;
}
