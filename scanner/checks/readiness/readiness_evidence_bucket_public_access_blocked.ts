import { defineCheck } from '../../model/check';
import type { Fetched } from '../../model/inventory';
import type { PublicAccessBlock } from '../../model/s3';
import { fail, pass } from '../results';
import { listOf, settingsOff } from '../s3/public-access-block';
import { judgeEachEvidenceBucket } from './evidence-buckets';

export default defineCheck({
  id: 'readiness_evidence_bucket_public_access_blocked',
  title: 'The evidence bucket has all four Block Public Access settings on',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  risk: "Evidence holds memory images, disk snapshots' metadata and the attacker's own artefacts; with Block Public Access off, one policy or ACL change by the attacker publishes it, and it can no longer be trusted as kept in custody.",
  remediation:
    'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (or turn them on for the whole account).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  needs: ['evidenceBuckets', 'bucketPublicAccessBlocks', 'accountPublicAccessBlock'],
  evaluate: ({ evidenceBuckets, bucketPublicAccessBlocks, accountPublicAccessBlock }, ctx) =>
    judgeEachEvidenceBucket(
      evidenceBuckets,
      ctx,
      (bucket): Fetched<PublicAccessBlock | null> =>
        bucketPublicAccessBlocks[bucket.name] ?? {
          ok: false,
          error: {
            api: 's3:GetBucketPublicAccessBlock',
            region: bucket.region,
            name: 'NotListed',
            message: `bucket ${bucket.name} was not in the account's bucket list when it was read`,
          },
        },
      (bucket, block, resource) => {
        // S3 applies the stricter of the bucket's and the account's setting.
        const off = settingsOff(
          (setting) => block?.[setting] === true || accountPublicAccessBlock?.[setting] === true,
        );
        return off.length === 0
          ? pass(resource, `Evidence bucket ${bucket.name} blocks all public access.`)
          : fail(
              resource,
              `Evidence bucket ${bucket.name} has ${listOf(off)} off, on the bucket and the account.`,
            );
      },
    ),
});
