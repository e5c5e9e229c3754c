import type { CheckContext, PerRegion } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { Fetched } from '../../model/inventory';
import type { EvidenceBucket } from '../../model/plumbing';
import { GLOBAL_REGION, accountResource, couldNotRead, notApplicable } from '../results';

/** Every evidence bucket found in the regions that could be read. */
export function allEvidenceBuckets(
  evidenceBuckets: PerRegion<readonly EvidenceBucket[]>,
  ctx: CheckContext,
): EvidenceBucket[] {
  return ctx.regions.flatMap((region) => evidenceBuckets[region] ?? []);
}

/**
 * Judges each evidence bucket on one of its settings; a setting that could not be read is an
 * error, and an account without an evidence bucket is not applicable (the presence check fails it).
 */
export function judgeEachEvidenceBucket<T>(
  evidenceBuckets: PerRegion<readonly EvidenceBucket[]>,
  ctx: CheckContext,
  setting: (bucket: EvidenceBucket) => Fetched<T>,
  judge: (bucket: EvidenceBucket, value: T, resource: ResourceRef) => CheckResult,
): CheckResult[] {
  const buckets = allEvidenceBuckets(evidenceBuckets, ctx);
  if (buckets.length === 0) {
    return [
      notApplicable(
        accountResource(ctx, 's3', GLOBAL_REGION),
        `No bucket is tagged as the Pyjamas evidence bucket in ${ctx.regions.join(', ')}.`,
      ),
    ];
  }
  return buckets.map((bucket) => {
    const resource = {
      region: bucket.region,
      type: 'AwsS3Bucket',
      id: bucket.name,
      arn: bucket.arn,
    };
    const value = setting(bucket);
    return value.ok ? judge(bucket, value.data, resource) : couldNotRead(resource, value.error);
  });
}
