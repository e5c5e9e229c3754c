import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

/**
 * What every plumbing bucket gets, under the ids `ownership`, `public-access-block` and
 * `versioning` of `scope`: objects owned by the bucket owner with ACLs disabled (so that objects
 * delivered by other accounts' services belong to this account), all four Block Public Access
 * settings, and versioning. Returns the versioning resource, which Object Lock and lifecycle
 * rules must wait for.
 */
export function bucketBaseline(
  scope: Construct,
  bucketId: string,
  provider?: TerraformProvider,
): S3BucketVersioningA {
  new S3BucketOwnershipControls(scope, 'ownership', {
    provider,
    bucket: bucketId,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketPublicAccessBlock(scope, 'public-access-block', {
    provider,
    bucket: bucketId,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  return new S3BucketVersioningA(scope, 'versioning', {
    provider,
    bucket: bucketId,
    versioningConfiguration: { status: 'Enabled' },
  });
}
