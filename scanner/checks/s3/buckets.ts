import type { ResourceRef } from '../../model/finding';
import type { Fetched } from '../../model/inventory';
import type { Bucket, PerBucket } from '../../model/s3';

/** A bucket as the resource of a finding, in the bucket's own region. */
export function bucketResource(bucket: Bucket): ResourceRef {
  return { region: bucket.region, type: 'AwsS3Bucket', id: bucket.name, arn: bucket.arn };
}

/**
 * A bucket's entry in a per-bucket detail slice. The collector reads a detail for every listed
 * bucket, so a missing entry means an inconsistent (for example hand-edited) inventory: it counts
 * as unread rather than as "not configured".
 */
export function bucketDetail<T>(details: PerBucket<T>, bucket: Bucket, api: string): Fetched<T> {
  return (
    details[bucket.name] ?? {
      ok: false,
      error: { api, region: bucket.region, name: 'MissingDetail', message: 'the inventory lists the bucket but holds no entry for it' },
    }
  );
}
