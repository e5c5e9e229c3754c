import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { S3EvidenceStore, type EvidenceStore } from '../core/evidence';

/** The region of `bucket`: presigned URLs must be signed for it. */
export async function bucketRegion(aws: AwsClients, bucket: string, globalRegion: string): Promise<string> {
  const { LocationConstraint } = await aws.get(S3Client, globalRegion).send(new GetBucketLocationCommand({ Bucket: bucket }));
  // Buckets in us-east-1 report no location; very old buckets in eu-west-1 report "EU".
  if (!LocationConstraint) return 'us-east-1';
  return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
}

/**
 * Makes the evidence store's uploads acceptable to a bucket with Object Lock retention, and
 * returns the bucket's region (undefined for a local store).
 *
 * S3 requires Content-MD5 or `x-amz-sdk-checksum-algorithm` on every PutObject that gets a
 * retention period, including the bucket's default retention. S3EvidenceStore sends the SHA-256
 * itself (`x-amz-checksum-sha256`) but not the algorithm header, so the header is added to the
 * bucket region's client, which the store then uses.
 */
export async function prepareEvidenceBucket(aws: AwsClients, store: EvidenceStore, globalRegion: string): Promise<string | undefined> {
  if (!(store instanceof S3EvidenceStore)) return undefined;
  const region = await bucketRegion(aws, store.bucket, globalRegion);
  type Next = (args: { request: { headers?: Record<string, string> } }) => Promise<unknown>;
  aws.get(S3Client, region).middlewareStack.add(
    ((next: Next) => async (args: { request: { headers?: Record<string, string> } }) => {
      const headers = args.request.headers;
      if (headers?.['x-amz-checksum-sha256'] && !headers['x-amz-sdk-checksum-algorithm']) headers['x-amz-sdk-checksum-algorithm'] = 'SHA256';
      return next(args);
    }) as never,
    { step: 'build', name: 'pyjamasObjectLockChecksumAlgorithm', override: true },
  );
  return region;
}
