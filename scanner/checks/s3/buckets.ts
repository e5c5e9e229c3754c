import type { CheckContext } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { Fetched } from '../../model/inventory';
import type { Bucket, PerBucket } from '../../model/s3';
import { GLOBAL_REGION, accountResource, couldNotRead, notApplicable } from '../results';

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
      error: {
        api,
        region: bucket.region,
        name: 'MissingDetail',
        message: 'the inventory lists the bucket but holds no entry for it',
      },
    }
  );
}

/**
 * Judges every bucket on one of its details, read by `api`: a bucket whose detail could not be
 * read is an error, and an account without buckets is not applicable.
 */
export function judgeEachBucket<T>(
  buckets: readonly Bucket[],
  details: PerBucket<T>,
  api: string,
  ctx: CheckContext,
  judge: (bucket: Bucket, detail: T, resource: ResourceRef) => CheckResult,
): CheckResult[] {
  if (buckets.length === 0) {
    return [
      notApplicable(
        accountResource(ctx, 's3', GLOBAL_REGION),
        `Account ${ctx.account} has no S3 buckets.`,
      ),
    ];
  }
  return buckets.map((bucket) => {
    const resource = bucketResource(bucket);
    const detail = bucketDetail(details, bucket, api);
    return detail.ok ? judge(bucket, detail.data, resource) : couldNotRead(resource, detail.error);
  });
}
