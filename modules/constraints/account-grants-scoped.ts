import type { ConstraintRule } from './rule';
import { asList, policyStatements, resourcesOf } from './synthesized-terraform';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
/** The policy variable as it appears in Terraform JSON, where `$${` escapes interpolation. */
const PRINCIPAL_ACCOUNT = /\$?\$\{aws:PrincipalAccount\}/;

/** Object actions whose grant to another account must be limited to that account's prefixes. */
const OBJECT_ACTIONS = new Set([
  's3:*',
  '*',
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectVersion',
]);

/**
 * A bucket policy that lets another account write or read objects limits each grant to prefixes
 * that hold that account's own id, literally or as `${aws:PrincipalAccount}`: otherwise a member
 * account can write, and overwrite the latest version of, any other account's keys, or read
 * another account's case evidence.
 */
export const accountGrantsScoped: ConstraintRule = {
  id: 'account-grants-scoped',
  description:
    "Every bucket-policy grant of object writes or reads to an account is scoped to prefixes holding that account's id.",
  documentation:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount',
  check(document) {
    return resourcesOf(document, 'aws_s3_bucket_policy').flatMap(({ address, block }) =>
      policyStatements(block.policy).flatMap((statement) => {
        if (statement.Effect !== 'Allow' || typeof statement.Principal !== 'object') return [];
        const accounts = asList(statement.Principal.AWS)
          .map((principal) => ACCOUNT_ROOT.exec(principal)?.[1])
          .filter((account): account is string => account !== undefined);
        const reaches = asList(statement.Action).some((action) => OBJECT_ACTIONS.has(action));
        if (accounts.length === 0 || !reaches) return [];
        const unscoped = asList(statement.Resource).filter((resource) => {
          const path = resource.split('/').slice(1).join('/');
          if (path === '') return false;
          return (
            !PRINCIPAL_ACCOUNT.test(path) && !accounts.every((account) => path.includes(account))
          );
        });
        return unscoped.map((resource) => ({
          rule: this.id,
          address,
          message: `statement ${statement.Sid ?? '(no Sid)'} lets ${accounts.join(', ')} reach ${resource}: scope it to a prefix holding \${aws:PrincipalAccount}.`,
        }));
      }),
    );
  },
};
