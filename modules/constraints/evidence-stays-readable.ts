import type { ConstraintRule } from './rule';
import { nested, nestedList, resourcesOf } from './synthesized-terraform';

/** Prefixes whose objects the responders and `pyjamas evidence verify` read back with GetObject. */
export const READ_BACK_PREFIXES = ['cases/', 'scans/'] as const;

/** Storage classes GetObject cannot read until the object is restored. */
const ARCHIVE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'];

/** The key prefix a lifecycle rule applies to ('' for every key). */
function rulePrefix(rule: Readonly<Record<string, unknown>>): string {
  const filter = nested(rule.filter);
  const and = nested(filter?.and);
  const prefix = filter?.prefix ?? and?.prefix ?? rule.prefix ?? '';
  return typeof prefix === 'string' ? prefix : '';
}

/**
 * No lifecycle rule moves case records or scan reports to a class that GetObject cannot read
 * (GLACIER, DEEP_ARCHIVE answer InvalidObjectState until restored): verification of an older
 * case and the responders' reads of earlier records would fail. GLACIER_IR stays readable.
 */
export const evidenceStaysReadable: ConstraintRule = {
  id: 'evidence-stays-readable',
  description:
    'Objects in GLACIER or DEEP_ARCHIVE cannot be read with GetObject until restored; cases/ and scans/ must stay readable.',
  documentation: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html',
  check(document) {
    return resourcesOf(document, 'aws_s3_bucket_lifecycle_configuration').flatMap(
      ({ address, block }) =>
        nestedList(block.rule).flatMap((rule) => {
          const prefix = rulePrefix(rule);
          const archived = [
            ...nestedList(rule.transition),
            ...nestedList(rule.noncurrent_version_transition),
          ]
            .map((transition) => transition.storage_class)
            .find(
              (storageClass): storageClass is string =>
                typeof storageClass === 'string' && ARCHIVE_CLASSES.includes(storageClass),
            );
          const covered = READ_BACK_PREFIXES.filter(
            (readBack) => readBack.startsWith(prefix) || prefix.startsWith(readBack),
          );
          if (archived === undefined || covered.length === 0) return [];
          return [
            {
              rule: this.id,
              address,
              message: `rule ${String(rule.id)} moves ${covered.join(' and ')} to ${archived}, which GetObject cannot read: use GLACIER_IR or no transition there.`,
            },
          ];
        }),
    );
  },
};
