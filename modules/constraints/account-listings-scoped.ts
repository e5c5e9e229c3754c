import { accountGrants, holdsOwnAccount } from './account-grant-statements';
import type { ConstraintRule } from './rule';
import { asList } from './synthesized-terraform';

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
    return accountGrants(document, LISTINGS).flatMap((grant) => {
      const prefixes = prefixValues(grant.statement.Condition);
      const unscoped =
        prefixes === undefined
          ? ['(any prefix)']
          : prefixes.filter((prefix) => !holdsOwnAccount(prefix, grant));
      return unscoped.map((prefix) => ({
        rule: this.id,
        address: grant.address,
        message: `statement ${grant.statement.Sid ?? '(no Sid)'} lets ${grant.accounts.join(', ')} list ${prefix}: add a Condition on s3:prefix holding \${aws:PrincipalAccount}.`,
      }));
    });
  },
};
