import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import {
  conditionValues,
  deniesOldTlsAndPlainHttp,
  deniesPlainHttp,
  isBoolCondition,
} from './bucket-policy';
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
    judgeEachBucket(
      buckets,
      bucketPolicies,
      's3:GetBucketPolicy',
      ctx,
      (bucket, policy, resource) => {
        if (!policy)
          return fail(
            resource,
            `Bucket ${bucket.name} has no bucket policy, so it does not deny requests over plain HTTP.`,
          );
        const statements = policy.Statement;
        const denying = statements.find((statement) =>
          deniesPlainHttp(statement, `${bucket.arn}/*`),
        );
        if (denying) {
          const sid = denying.Sid ? ` (statement ${denying.Sid})` : '';
          return pass(
            resource,
            `Bucket ${bucket.name} has a policy that denies every request made without TLS${sid}.`,
          );
        }
        const floor = statements.find((statement) =>
          deniesOldTlsAndPlainHttp(statement, `${bucket.arn}/*`),
        );
        if (floor) {
          const sid = floor.Sid ? ` (statement ${floor.Sid})` : '';
          return pass(
            resource,
            `Bucket ${bucket.name} has a policy that denies every request below TLS 1.2, plain HTTP included${sid}.`,
          );
        }
        if (
          statements.some(
            (statement) =>
              statement.Effect === 'Deny' && conditionValues(statement, 's3:TlsVersion').length > 0,
          )
        ) {
          return fail(
            resource,
            `Bucket ${bucket.name} has a policy that denies old TLS versions (s3:TlsVersion) but not plain HTTP: requests without TLS carry no TLS version, so only NumericLessThanIfExists (or a Deny on aws:SecureTransport false) stops them.`,
          );
        }
        if (
          statements.some(
            (statement) =>
              statement.Effect === 'Allow' &&
              isBoolCondition(statement, 'aws:SecureTransport', 'true'),
          )
        ) {
          return fail(
            resource,
            `Bucket ${bucket.name} has a policy that only allows requests over TLS, which does not stop other grants from serving plain HTTP; only a Deny on aws:SecureTransport false does.`,
          );
        }
        return fail(
          resource,
          `Bucket ${bucket.name} has a policy with no statement that denies every request where aws:SecureTransport is false.`,
        );
      },
    ),
});
