import type { ConstraintRule, SynthesizedTerraform } from './rule';
import { nested, providerOf, referencedName, resourcesOf } from './synthesized-terraform';

/** Bucket variables of the Lambda functions, each with the variable naming its owner. */
const BUCKET_OWNER_VARIABLES = {
  PYJAMAS_EVIDENCE_BUCKET: 'PYJAMAS_EVIDENCE_BUCKET_OWNER',
  PYJAMAS_REPORT_BUCKET: 'PYJAMAS_REPORT_BUCKET_OWNER',
} as const;

/** The account each provider may act in (`allowed_account_ids`), by `aws` or `aws.<alias>`. */
function providerAccounts(document: SynthesizedTerraform): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const block of document.provider?.aws ?? []) {
    const allowed = block.allowed_account_ids;
    if (!Array.isArray(allowed) || allowed.length !== 1) continue;
    const name = typeof block.alias === 'string' ? `aws.${block.alias}` : 'aws';
    accounts.set(name, String(allowed[0]));
  }
  return accounts;
}

/**
 * A function that files in a bucket of another account names that account on every request
 * (ExpectedBucketOwner, from the `…_BUCKET_OWNER` variable): S3 then refuses a bucket that has
 * changed hands, where a bucket deleted and recreated under the same name by someone else would
 * otherwise receive the member's evidence and scan reports. Accounts come from each provider's
 * `allowed_account_ids`; functions and buckets whose account the document does not state are
 * not judged. moto 5.2.1 ignores ExpectedBucketOwner.
 */
export const crossAccountBucketOwner: ConstraintRule = {
  id: 'cross-account-bucket-owner',
  description:
    "Every Lambda function that files in another account's bucket names that bucket's owner (ExpectedBucketOwner).",
  documentation:
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html',
  check(document) {
    const accounts = providerAccounts(document);
    const bucketAccount = new Map(
      resourcesOf(document, 'aws_s3_bucket').map(({ name, block }) => [
        name,
        accounts.get(providerOf(block)),
      ]),
    );
    return resourcesOf(document, 'aws_lambda_function').flatMap(({ address, block }) => {
      const account = accounts.get(providerOf(block));
      const variables = (nested(block.environment)?.variables ?? {}) as Record<string, unknown>;
      return Object.entries(BUCKET_OWNER_VARIABLES).flatMap(([bucketVariable, ownerVariable]) => {
        const bucket = referencedName(variables[bucketVariable], 'aws_s3_bucket');
        const owner = bucket === undefined ? undefined : bucketAccount.get(bucket);
        if (account === undefined || owner === undefined || owner === account) return [];
        if (typeof variables[ownerVariable] === 'string') return [];
        return [
          {
            rule: this.id,
            address,
            message: `${bucketVariable} names aws_s3_bucket.${bucket} of account ${owner} from account ${account} without ${ownerVariable}: give the plumbing its evidenceDestination's accountId.`,
          },
        ];
      });
    });
  },
};
