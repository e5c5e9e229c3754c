import type { ConstraintRule } from './rule';
import { asList, policyStatements, resourcesOf } from './synthesized-terraform';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
/** The policy variable as it appears in Terraform JSON, where `$${` escapes interpolation. */
const PRINCIPAL_ACCOUNT = /\$?\$\{aws:PrincipalAccount\}/;
const LISTINGS = new Set(['s3:ListBucket', 's3:ListBucketVersions', 's3:*', '*']);

/** The `s3:prefix` values of a statement's condition, under any string operator. */
function prefixValues(condition: unknown): string[] | undefined {
  if (condition === null || typeof condition !== 'object') return undefined;
  const values = Object.values(condition as Record<string, unknown>).flatMap((operands) =>
    operands !== null && typeof operands === 'object' && 's3:prefix' in operands
      ? asList((operands as { 's3:prefix': string | string[] })['s3:prefix'])
      : [],
  );
  return values.length > 0 ? values : undefined;
}

/**
 * Listing is a bucket action, so an object prefix in `Resource` cannot limit it: a bucket policy
 * that lets another account list the bucket must limit `s3:prefix` to prefixes holding that
 * account's id, or the member learns every other account's case ids and report names. S3
 * evaluates the condition on every ListObjects(V2) and ListObjectVersions request; moto 5.2.1
 * evaluates no cross-account bucket policy at all.
 */
export const accountListingsScoped: ConstraintRule = {
  id: 'account-listings-scoped',
  description:
    "Every bucket-policy grant of listing to an account limits s3:prefix to prefixes holding that account's id.",
  documentation:
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/walkthrough1.html#walkthrough-grant-user1-permissions-listbucket',
  check(document) {
    return resourcesOf(document, 'aws_s3_bucket_policy').flatMap(({ address, block }) =>
      policyStatements(block.policy).flatMap((statement) => {
        if (statement.Effect !== 'Allow' || typeof statement.Principal !== 'object') return [];
        const accounts = asList(statement.Principal.AWS)
          .map((principal) => ACCOUNT_ROOT.exec(principal)?.[1])
          .filter((account): account is string => account !== undefined);
        const lists = asList(statement.Action).some((action) => LISTINGS.has(action));
        if (accounts.length === 0 || !lists) return [];
        const prefixes = prefixValues(statement.Condition);
        const unscoped = (prefixes ?? ['(any prefix)']).filter(
          (prefix) =>
            prefixes === undefined ||
            (!PRINCIPAL_ACCOUNT.test(prefix) &&
              !accounts.every((account) => prefix.includes(account))),
        );
        return unscoped.map((prefix) => ({
          rule: this.id,
          address,
          message: `statement ${statement.Sid ?? '(no Sid)'} lets ${accounts.join(', ')} list ${prefix}: add a Condition on s3:prefix holding \${aws:PrincipalAccount}.`,
        }));
      }),
    );
  },
};
