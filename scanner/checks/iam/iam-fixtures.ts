import { ACCOUNT, NOW, daysAgo, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import { policyDocument } from '../../../test/fixtures/resources';
import type { Check, ScanConfig } from '../../model/check';
import type { Finding } from '../../model/finding';
import type {
  CredentialReport,
  CredentialReportKey,
  CredentialReportUser,
  IamGroup,
  InlinePolicy,
} from '../../model/iam';
import type { PolicyStatement } from '../../model/policy';

/** Builders of IAM records the shared fixtures lack. */

/** A credential report generated at the fixture scan's now, without a root row. */
export function credentialReportOf(...users: CredentialReportUser[]): CredentialReport {
  return { generatedAt: NOW.toISOString(), users, root: null };
}

/** An empty access key slot. */
export const NO_KEY: CredentialReportKey = { active: false, lastRotated: null, lastUsedDate: null };

/** Runs a credential report check over a report of `users`. */
export function runOnUsers(
  check: Check,
  users: CredentialReportUser[],
  config: Partial<ScanConfig> = {},
): Finding[] {
  return runCheck(
    check,
    inventoryOf({ global: { credentialReport: credentialReportOf(...users) } }),
    config,
  );
}

/** An IAM group for tests. */
export function iamGroup(name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    id: `AGPA${name.toUpperCase()}`,
    createDate: daysAgo(400),
    attachedPolicies: [],
    inlinePolicies: [],
    ...overrides,
  };
}

/** An inline policy for tests. */
export function inlinePolicy(name: string, ...statements: PolicyStatement[]): InlinePolicy {
  return { name, document: policyDocument(...statements) };
}
