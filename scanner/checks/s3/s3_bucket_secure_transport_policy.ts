import { defineCheck } from '../../model/check';
import type { PolicyStatement } from '../../model/policy';
import { fail, pass } from '../results';
import { judgeEachBucket } from './buckets';

export default defineCheck({
  id: 's3_bucket_secure_transport_policy',
  title: 'Every S3 bucket policy denies requests not sent over TLS',
  service: 's3',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'A bucket that answers plain HTTP lets anyone on the network path read the data and the signed requests in transit, and tamper with objects on the way in.',
  remediation:
    'Add a statement to the bucket policy: {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}, then aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport',
  ],
  needs: ['buckets', 'bucketPolicies'],
  evaluate: ({ buckets, bucketPolicies }, ctx) =>
    judgeEachBucket(buckets, bucketPolicies, 's3:GetBucketPolicy', ctx, (bucket, policy, resource) => {
      if (!policy) return fail(resource, `Bucket ${bucket.name} has no bucket policy, so it does not deny requests over plain HTTP.`);
      const statements = policy.Statement;
      const denying = statements.find((statement) => deniesPlainHttp(statement, `${bucket.arn}/*`));
      if (denying) {
        const sid = denying.Sid ? ` (statement ${denying.Sid})` : '';
        return pass(resource, `Bucket ${bucket.name} has a policy that denies every request made without TLS${sid}.`);
      }
      if (statements.some((statement) => statement.Effect === 'Deny' && conditionValues(statement, 's3:TlsVersion').length > 0)) {
        return fail(
          resource,
          `Bucket ${bucket.name} has a policy that denies old TLS versions (s3:TlsVersion) but not plain HTTP, since requests without TLS carry no TLS version.`,
        );
      }
      if (statements.some((statement) => statement.Effect === 'Allow' && isBoolCondition(statement, 'aws:SecureTransport', 'true'))) {
        return fail(
          resource,
          `Bucket ${bucket.name} has a policy that only allows requests over TLS, which does not stop other grants from serving plain HTTP; only a Deny on aws:SecureTransport false does.`,
        );
      }
      return fail(resource, `Bucket ${bucket.name} has a policy with no statement that denies every request where aws:SecureTransport is false.`);
    }),
});

/**
 * True for a statement that denies everyone every S3 action on the bucket's objects when the
 * request is not sent over TLS. Any further condition would narrow the deny and let some plain
 * HTTP requests through, so none is accepted.
 */
function deniesPlainHttp(statement: PolicyStatement, objectsArn: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const conditions = Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys));
  return (
    coversEveryone(statement) &&
    values(statement.Action).some((action) => ['s3:*', '*'].includes(action.toLowerCase())) &&
    values(statement.Resource).some((resource) => resource === objectsArn || resource === '*') &&
    isBoolCondition(statement, 'aws:SecureTransport', 'false') &&
    conditions.length === 1
  );
}

function coversEveryone(statement: PolicyStatement): boolean {
  const { Principal } = statement;
  if (Principal === undefined) return false;
  return Principal === '*' || values(Principal.AWS).includes('*');
}

/** True when a Bool or BoolIfExists condition on `key` matches `expected`. */
function isBoolCondition(statement: PolicyStatement, key: string, expected: 'true' | 'false'): boolean {
  return conditionValues(statement, key, ['Bool', 'BoolIfExists']).some((value) => String(value).toLowerCase() === expected);
}

/** The values a statement's conditions compare `key` with, under the given operators (default: any). */
function conditionValues(statement: PolicyStatement, key: string, operators?: readonly string[]): (string | boolean)[] {
  // Condition key names are case-insensitive in IAM policies.
  return Object.entries(statement.Condition ?? {})
    .filter(([operator]) => !operators || operators.includes(operator))
    .flatMap(([, keys]) => Object.entries(keys).filter(([name]) => name.toLowerCase() === key.toLowerCase()))
    .flatMap(([, value]) => values<string | boolean>(value));
}

function values<T extends string | boolean = string>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return typeof value === 'object' ? [...value] : [value];
}
