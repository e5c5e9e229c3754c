import type { SynthesizedTerraform } from './rule';
import {
  asList,
  policyStatements,
  resourcesOf,
  type PolicyStatementJson,
} from './synthesized-terraform';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
/** The policy variable as it appears in Terraform JSON, where `$${` escapes interpolation. */
const PRINCIPAL_ACCOUNT = /\$?\$\{aws:PrincipalAccount\}/;

/** An Allow statement of a bucket policy that grants some of the given actions to accounts. */
export interface AccountGrant {
  /** Address of the bucket policy. */
  readonly address: string;
  readonly statement: PolicyStatementJson;
  /** Ids of the accounts the statement names as principals (`arn:…:iam::<id>:root`). */
  readonly accounts: string[];
  /** The statement's actions among those asked for. */
  readonly actions: string[];
}

/** Every bucket-policy statement that allows any of `actions` to other accounts. */
export function accountGrants(
  document: SynthesizedTerraform,
  actions: ReadonlySet<string>,
): AccountGrant[] {
  return resourcesOf(document, 'aws_s3_bucket_policy').flatMap(({ address, block }) =>
    policyStatements(block.policy).flatMap((statement) => {
      if (statement.Effect !== 'Allow' || typeof statement.Principal !== 'object') return [];
      const accounts = asList(statement.Principal.AWS)
        .map((principal) => ACCOUNT_ROOT.exec(principal)?.[1])
        .filter((account): account is string => account !== undefined);
      const granted = asList(statement.Action).filter((action) => actions.has(action));
      if (accounts.length === 0 || granted.length === 0) return [];
      return [{ address, statement, accounts, actions: granted }];
    }),
  );
}

/**
 * Whether a key or prefix names the requesting account: `${aws:PrincipalAccount}`, or the id of
 * every account of the grant.
 */
export function holdsOwnAccount(text: string, grant: AccountGrant): boolean {
  return PRINCIPAL_ACCOUNT.test(text) || grant.accounts.every((account) => text.includes(account));
}
