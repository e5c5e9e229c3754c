import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachEvidenceBucket } from './evidence-buckets';

export default defineCheck({
  id: 'readiness_evidence_bucket_versioning_enabled',
  title: 'The evidence bucket keeps every version of every object',
  service: 'readiness',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'Without versioning an upload under an existing key replaces the earlier evidence; Object Lock also requires versioning.',
  remediation:
    'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  needs: ['evidenceBuckets'],
  evaluate: ({ evidenceBuckets }, ctx) =>
    judgeEachEvidenceBucket(
      evidenceBuckets,
      ctx,
      (bucket) => bucket.versioning,
      (bucket, status, resource) =>
        status === 'Enabled'
          ? pass(resource, `Evidence bucket ${bucket.name} has versioning enabled.`)
          : fail(
              resource,
              `Evidence bucket ${bucket.name} has versioning ${status ? status.toLowerCase() : 'never enabled'}.`,
            ),
    ),
});
