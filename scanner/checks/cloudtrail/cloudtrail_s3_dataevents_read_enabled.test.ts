import { fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { bucket, trail } from '../../../test/fixtures/resources';
import check from './cloudtrail_s3_dataevents_read_enabled';

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

function scan(trails: ReturnType<typeof trail>[], buckets = [bucket('logs')]) {
  return runCheck(
    check,
    inventoryOf({ global: { buckets }, regional: { 'us-east-1': { trails } } }),
  );
}

describe('cloudtrail_s3_dataevents_read_enabled', () => {
  test('passes with a classic selector for all buckets, All or ReadOnly', () => {
    expect(verdicts(scan([basic('All', ['arn:aws:s3'])]))).toEqual([['PASS', 'logs']]);
    expect(verdicts(scan([basic('ReadOnly', ['arn:aws:s3:::logs/'])]))).toEqual([['PASS', 'logs']]);
  });

  test('fails when the selector records only the other half (WriteOnly) or a prefix', () => {
    expect(verdicts(scan([basic('WriteOnly', ['arn:aws:s3'])]))).toEqual([['FAIL', 'logs']]);
    expect(verdicts(scan([basic('All', ['arn:aws:s3:::logs/some-prefix'])]))).toEqual([
      ['FAIL', 'logs'],
    ]);
  });

  test('passes with an advanced selector for S3 objects, fails when it is narrowed', () => {
    expect(verdicts(scan([advanced(null)]))).toEqual([['PASS', 'logs']]);
    expect(verdicts(scan([advanced('true')]))).toEqual([['PASS', 'logs']]);
    expect(verdicts(scan([advanced('false')]))).toEqual([['FAIL', 'logs']]);
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
