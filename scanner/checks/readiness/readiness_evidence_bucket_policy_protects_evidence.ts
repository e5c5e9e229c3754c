import { defineCheck } from '../../model/check';
import type { PolicyStatement } from '../../model/policy';
import { values } from '../policy-values';
import { fail, pass } from '../results';
import { conditionValues, coversEveryone, deniesPlainHttp } from '../s3/bucket-policy';
import { judgeEachEvidenceBucket } from './evidence-buckets';

/** Deleting versions destroys evidence; deleting an object only hides it behind a marker. */
const DELETIONS = ['s3:deleteobject', 's3:deleteobjectversion'];

export default defineCheck({
  id: 'readiness_evidence_bucket_policy_protects_evidence',
  title: 'The evidence bucket policy denies plain HTTP and denies deleting objects',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  risk: 'Evidence read or written over plain HTTP can be altered in transit, and a principal with broad S3 permissions can delete evidence versions that are not under retention.',
  remediation:
    'Add two Deny statements for Principal "*" to the bucket policy: Action "s3:*" when aws:SecureTransport is "false", and Actions s3:DeleteObject and s3:DeleteObjectVersion on arn:aws:s3:::<bucket>/*.',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html',
  ],
  needs: ['evidenceBuckets'],
  evaluate: ({ evidenceBuckets }, ctx) =>
    judgeEachEvidenceBucket(
      evidenceBuckets,
      ctx,
      (bucket) => bucket.policy,
      (bucket, policy, resource) => {
        const statements = policy?.Statement ?? [];
        const tls = statements.some((statement) => deniesPlainHttp(statement, `${bucket.arn}/*`));
        const deletion = statements.find((statement) =>
          deniesDeletion(statement, `${bucket.arn}/*`),
        );
        const missing = [
          tls ? '' : 'requests over plain HTTP',
          deletion ? '' : 'deleting objects and versions',
        ].filter(Boolean);
        if (missing.length > 0)
          return fail(
            resource,
            `Evidence bucket ${bucket.name} has a policy that does not deny ${missing.join(' or ')}.`,
          );
        const conditional = deletion?.Condition
          ? ' (the deletion deny has conditions: check who they exempt)'
          : '';
        return pass(
          resource,
          `Evidence bucket ${bucket.name} denies plain HTTP and deleting objects and versions${conditional}.`,
        );
      },
    ),
});

/**
 * True for a statement that denies everyone deleting objects and versions. The plain-HTTP deny
 * covers s3:* too, but only for requests without TLS, so a deny conditioned on
 * aws:SecureTransport does not count.
 */
function deniesDeletion(statement: PolicyStatement, objectsArn: string): boolean {
  if (statement.Effect !== 'Deny' || !coversEveryone(statement)) return false;
  if (conditionValues(statement, 'aws:SecureTransport').length > 0) return false;
  const actions = values(statement.Action).map((action) => action.toLowerCase());
  const covers = (wanted: string) =>
    actions.some(
      (action) =>
        action === wanted ||
        action === '*' ||
        (action.endsWith('*') && wanted.startsWith(action.slice(0, -1))),
    );
  return (
    DELETIONS.every(covers) &&
    values(statement.Resource).some(
      (resource) =>
        resource === objectsArn || resource === '*' || resource === `${objectsArn.slice(0, -2)}*`,
    )
  );
}
