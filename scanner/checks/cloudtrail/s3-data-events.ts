import type { CheckContext, PerRegion } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import type { AdvancedEventSelector, EventSelector, Trail } from '../../model/logging';
import type { Bucket } from '../../model/s3';
import { bucketResource } from '../s3/buckets';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';
import { trailsOfScan } from './trails';

/** Which half of S3 object-level API activity a control asks for. */
export type DataEventKind = 'read' | 'write';

/** Advanced selector fields that only say what is recorded, never narrow it to some objects. */
const SCOPE_FIELDS = new Set(['eventCategory', 'resources.type', 'readOnly', 'resources.ARN']);

/**
 * Whether a basic selector records `kind` object events of the whole bucket. `All` covers both
 * kinds; `WriteOnly` does not cover reads nor `ReadOnly` writes. A value naming a prefix inside
 * the bucket covers only part of it.
 */
function basicCovers(
  selector: EventSelector,
  bucket: Bucket,
  kind: DataEventKind,
  partition: string,
): boolean {
  const wanted = kind === 'read' ? 'ReadOnly' : 'WriteOnly';
  if (selector.readWriteType !== 'All' && selector.readWriteType !== wanted) return false;
  const whole = [
    `arn:${partition}:s3`,
    `arn:${partition}:s3:::`,
    `arn:${partition}:s3:::${bucket.name}/`,
  ];
  return selector.dataResources.some(
    (resource) =>
      resource.type === 'AWS::S3::Object' && resource.values.some((value) => whole.includes(value)),
  );
}

/**
 * Whether an advanced selector records `kind` object events of the whole bucket. Any field
 * besides category, type, read-only and a whole-bucket ARN prefix (an event name, a user, an
 * exclusion) narrows the selector, so it does not count.
 */
function advancedCovers(
  selector: AdvancedEventSelector,
  bucket: Bucket,
  kind: DataEventKind,
  partition: string,
): boolean {
  const fields = selector.fieldSelectors;
  const field = (name: string) => fields.find((candidate) => candidate.field === name);
  if (fields.some((candidate) => !SCOPE_FIELDS.has(candidate.field))) return false;
  if (!field('eventCategory')?.equals.includes('Data')) return false;
  if (!field('resources.type')?.equals.includes('AWS::S3::Object')) return false;
  const readOnly = field('readOnly');
  if (readOnly && !readOnly.equals.includes(kind === 'read' ? 'true' : 'false')) return false;
  const arn = field('resources.ARN');
  if (!arn) return true;
  const narrowing =
    arn.equals.length +
    arn.notEquals.length +
    arn.notStartsWith.length +
    arn.endsWith.length +
    arn.notEndsWith.length;
  return (
    narrowing === 0 &&
    arn.startsWith.some((prefix) =>
      [`arn:${partition}:s3:::`, `arn:${partition}:s3:::${bucket.name}/`].includes(prefix),
    )
  );
}

/** The trails that record `kind` object events of the whole bucket and are logging. */
function trailsCovering(
  trails: readonly Trail[],
  bucket: Bucket,
  kind: DataEventKind,
  partition: string,
): Trail[] {
  return trails.filter((trail) => {
    if (!trail.status.ok || !trail.status.data.isLogging || !trail.eventSelectors.ok) return false;
    // A single-region trail records data events of its own region's buckets only.
    if (!trail.isMultiRegion && trail.homeRegion !== bucket.region) return false;
    const { basic, advanced } = trail.eventSelectors.data;
    return advanced.length > 0
      ? advanced.some((selector) => advancedCovers(selector, bucket, kind, partition))
      : basic.some((selector) => basicCovers(selector, bucket, kind, partition));
  });
}

/** Judges each bucket: PASS when a logging trail records its object-level `kind` events. */
export function judgeS3DataEvents(
  trails: PerRegion<readonly Trail[]>,
  buckets: readonly Bucket[],
  kind: DataEventKind,
  ctx: CheckContext,
): CheckResult[] {
  if (buckets.length === 0)
    return [
      notApplicable(
        accountResource(ctx, 's3', GLOBAL_REGION),
        `Account ${ctx.account} has no S3 buckets.`,
      ),
    ];
  const all = trailsOfScan(trails, ctx);
  return buckets.map((bucket) => {
    const resource = bucketResource(bucket);
    const covering = trailsCovering(all, bucket, kind, ctx.partition);
    return covering.length > 0
      ? pass(
          resource,
          `Trail ${covering.map((trail) => trail.name).join(', ')} records object-level ${kind} events of bucket ${bucket.name}.`,
        )
      : fail(
          resource,
          `No logging trail records object-level ${kind} events of the whole bucket ${bucket.name}.`,
        );
  });
}
