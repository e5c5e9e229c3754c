import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { bucket, trail } from '../../../test/fixtures/resources';
import type { Trail } from '../../model/logging';
import type { BucketLogging, PerBucket } from '../../model/s3';
import check from './cloudtrail_logs_s3_bucket_access_logging_enabled';

const LOGGED = fetched<BucketLogging | null>({
  targetBucket: 'access-logs',
  targetPrefix: 'trail-logs/',
});

function scan(
  trails: { [region: string]: Trail[] },
  bucketLogging: PerBucket<BucketLogging | null>,
) {
  const regional = Object.fromEntries(
    Object.entries(trails).map(([region, list]) => [region, { trails: list }]),
  );
  return runCheck(
    check,
    inventoryOf({
      global: { buckets: [bucket('trail-logs', 'eu-west-1'), bucket('other')], bucketLogging },
      regional,
    }),
  );
}

describe('cloudtrail_logs_s3_bucket_access_logging_enabled', () => {
  test('passes a trail bucket with access logging, naming the target bucket', () => {
    const findings = scan(
      { 'us-east-1': [trail('main')] },
      { 'trail-logs': LOGGED, other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([['PASS', 'trail-logs']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      resourceType: 'AwsS3Bucket',
      resourceArn: 'arn:aws:s3:::trail-logs',
    });
    expect(findings[0]?.message).toBe(
      'Trail bucket trail-logs logs its access to bucket access-logs.',
    );
  });

  test('fails a trail bucket without access logging', () => {
    const findings = scan(
      { 'us-east-1': [trail('main')] },
      { 'trail-logs': fetched(null), other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'trail-logs']]);
    expect(findings[0]?.message).toBe(
      'Trail bucket trail-logs has server access logging disabled.',
    );
  });

  test('judges each destination bucket once, however many trails and regions deliver to it', () => {
    const shared = trail('main');
    const second = trail('second', { s3BucketName: 'other' });
    const findings = scan(
      { 'us-east-1': [shared, second], 'eu-west-1': [shared, trail('third')] },
      { 'trail-logs': LOGGED, other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'trail-logs'],
      ['FAIL', 'other'],
    ]);
  });

  test('leaves a bucket of another account to be checked where it lives', () => {
    const orgTrail = trail('org', {
      arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
      s3BucketName: 'org-archive',
    });
    const findings = scan(
      { 'us-east-1': [orgTrail] },
      { 'trail-logs': LOGGED, other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([['MANUAL', 'org-archive']]);
    expect(findings[0]).toMatchObject({
      region: 'global',
      resourceArn: 'arn:aws:s3:::org-archive',
    });
    expect(findings[0]?.message).toBe(
      'Trail bucket org-archive is not in this account; check its access logging where it lives.',
    );
  });

  test("reports an error when the trail bucket's logging could not be read", () => {
    const findings = scan(
      { 'us-east-1': [trail('main')] },
      { 'trail-logs': failed('s3:GetBucketLogging', 'eu-west-1'), other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([['ERROR', 'trail-logs']]);
    expect(findings[0]?.message).toMatch(
      /Could not evaluate trail-logs: s3:GetBucketLogging failed in eu-west-1 \(AccessDenied/,
    );
  });

  test('is not applicable when no region has a trail', () => {
    const findings = scan(
      { 'us-east-1': [], 'eu-west-1': [] },
      { 'trail-logs': LOGGED, other: fetched(null) },
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'global',
      message:
        'Account 123456789012 has no CloudTrail trail delivering to S3 in the scanned regions.',
    });
  });
});
