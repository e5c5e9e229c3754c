import type { Check } from '../../scanner/model/check';
import { fetched, inventoryOf, runCheck, verdicts } from '../fixtures/inventory';
import { bucket, trail } from '../fixtures/resources';

function basic(readWriteType: string, values: string[]) {
  return trail('data', {
    eventSelectors: fetched({
      basic: [
        {
          readWriteType,
          includeManagementEvents: true,
          excludeManagementEventSources: [],
          dataResources: [{ type: 'AWS::S3::Object', values }],
        },
      ],
      advanced: [],
    }),
  });
}

function advanced(readOnly: string | null, extra: { field: string; equals: string[] }[] = []) {
  const field = (name: string, equals: string[]) => ({
    field: name,
    equals,
    notEquals: [],
    startsWith: [],
    notStartsWith: [],
    endsWith: [],
    notEndsWith: [],
  });
  return trail('data', {
    eventSelectors: fetched({
      basic: [],
      advanced: [
        {
          name: 'S3 objects',
          fieldSelectors: [
            field('eventCategory', ['Data']),
            field('resources.type', ['AWS::S3::Object']),
            ...(readOnly === null ? [] : [field('readOnly', [readOnly])]),
            ...extra.map((entry) => field(entry.field, entry.equals)),
          ],
        },
      ],
    }),
  });
}

function scanWith(check: Check, trails: ReturnType<typeof trail>[], buckets = [bucket('logs')]) {
  return runCheck(
    check,
    inventoryOf({ global: { buckets }, regional: { 'us-east-1': { trails } } }),
  );
}

/**
 * The behaviour both S3 object-level data-event checks share, seen from the half each one needs:
 * a selector recording `All` or the check's own half passes; the other half, a prefix or a
 * narrowed advanced selector fails; an account without buckets is not applicable.
 */
export function describeS3DataEventCheck(check: Check, half: 'read' | 'write'): void {
  const own = half === 'read' ? 'ReadOnly' : 'WriteOnly';
  const other = half === 'read' ? 'WriteOnly' : 'ReadOnly';
  const ownReadOnly = half === 'read' ? 'true' : 'false';
  const otherReadOnly = half === 'read' ? 'false' : 'true';
  const scan = (trails: ReturnType<typeof trail>[], buckets?: ReturnType<typeof bucket>[]) =>
    scanWith(check, trails, buckets);

  describe(check.id, () => {
    test(`passes with a classic selector for all buckets, All or ${own}`, () => {
      expect(verdicts(scan([basic('All', ['arn:aws:s3'])]))).toEqual([['PASS', 'logs']]);
      expect(verdicts(scan([basic(own, ['arn:aws:s3:::logs/'])]))).toEqual([['PASS', 'logs']]);
    });

    test(`fails when the selector records only the other half (${other}) or a prefix`, () => {
      expect(verdicts(scan([basic(other, ['arn:aws:s3'])]))).toEqual([['FAIL', 'logs']]);
      expect(verdicts(scan([basic('All', ['arn:aws:s3:::logs/some-prefix'])]))).toEqual([
        ['FAIL', 'logs'],
      ]);
    });

    test('passes with an advanced selector for S3 objects, fails when it is narrowed', () => {
      expect(verdicts(scan([advanced(null)]))).toEqual([['PASS', 'logs']]);
      expect(verdicts(scan([advanced(ownReadOnly)]))).toEqual([['PASS', 'logs']]);
      expect(verdicts(scan([advanced(otherReadOnly)]))).toEqual([['FAIL', 'logs']]);
      expect(
        verdicts(scan([advanced(null, [{ field: 'eventName', equals: ['PutObject'] }])])),
      ).toEqual([['FAIL', 'logs']]);
    });

    test('is not applicable to an account without buckets', () => {
      expect(scan([basic('All', ['arn:aws:s3'])], []).map((finding) => finding.status)).toEqual([
        'NOT_APPLICABLE',
      ]);
    });
  });
}
