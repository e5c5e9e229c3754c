import { SHARED_TOOLS_PREFIX } from '../evidence-bucket/evidence-bucket';
import { accountGrants, holdsOwnAccount } from './account-grant-statements';
import type { ConstraintRule } from './rule';
import { asList } from './synthesized-terraform';

/** Object actions whose grant to another account must be limited to that account's prefixes. */
const OBJECT_ACTIONS = new Set([
  's3:*',
  '*',
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectVersion',
]);
/** Reads that a prefix shared by every account (the forensic tools) may grant. */
const SHARED_READS = new Set(['s3:GetObject']);

/**
 * A bucket policy that lets another account write or read objects limits each grant to prefixes
 * that hold that account's own id, literally or as `${aws:PrincipalAccount}`: otherwise a member
 * account can write, and overwrite the latest version of, any other account's keys, or read
 * another account's case evidence or scan reports. The one exception is reading the tools every
 * account's responders fetch, under `tools/`: a read-only grant there reveals nothing of another
 * account.
 */
export const accountGrantsScoped: ConstraintRule = {
  id: 'account-grants-scoped',
  description:
    "Every bucket-policy grant of object writes or reads to an account is scoped to prefixes holding that account's id (reads of the shared tools/ excepted).",
  documentation:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount',
  check(document) {
    return accountGrants(document, OBJECT_ACTIONS).flatMap((grant) => {
      const readsOnly = grant.actions.every((action) => SHARED_READS.has(action));
      const unscoped = asList(grant.statement.Resource).filter((resource) => {
        const path = resource.split('/').slice(1).join('/');
        if (path === '') return false;
        if (readsOnly && path.startsWith(SHARED_TOOLS_PREFIX)) return false;
        return !holdsOwnAccount(path, grant);
      });
      return unscoped.map((resource) => ({
        rule: this.id,
        address: grant.address,
        message: `statement ${grant.statement.Sid ?? '(no Sid)'} lets ${grant.accounts.join(', ')} reach ${resource}: scope it to a prefix holding \${aws:PrincipalAccount}.`,
      }));
    });
  },
};
