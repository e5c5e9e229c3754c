import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { bucket, publicAccessBlock } from '../../../test/fixtures/resources';
import type { PublicAccessBlock } from '../../model/s3';
import check from './s3_bucket_level_public_access_block';

const ALL_OFF: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

function scan(bucketBlock: PublicAccessBlock | null, accountBlock: PublicAccessBlock | null) {
  return runCheck(
    check,
    inventoryOf({
      global: {
        buckets: [bucket('data', 'eu-west-1')],
        bucketPublicAccessBlocks: { data: fetched(bucketBlock) },
        accountPublicAccessBlock: accountBlock,
      },
    }),
  );
}

describe('s3_bucket_level_public_access_block', () => {
  test('passes a bucket with all four settings on, in its own region', () => {
    const findings = scan(publicAccessBlock(), null);
    expect(verdicts(findings)).toEqual([['PASS', 'data']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      resourceType: 'AwsS3Bucket',
      resourceArn: 'arn:aws:s3:::data',
    });
    expect(findings[0]?.message).toBe('Bucket data has all four Block Public Access settings on.');
  });

  test('passes a bucket without its own configuration when the account level has all four settings, and says so', () => {
    const findings = scan(null, publicAccessBlock());
    expect(verdicts(findings)).toEqual([['PASS', 'data']]);
    expect(findings[0]?.message).toMatch(
      /BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets from the account level/,
    );
  });

  test('combines settings setting by setting across bucket and account level', () => {
    const findings = scan(
      publicAccessBlock({ blockPublicPolicy: false, restrictPublicBuckets: false }),
      { ...ALL_OFF, blockPublicPolicy: true, restrictPublicBuckets: true },
    );
    expect(verdicts(findings)).toEqual([['PASS', 'data']]);
    expect(findings[0]?.message).toMatch(
      /in effect, BlockPublicPolicy and RestrictPublicBuckets from the account level/,
    );
  });

  test.each<[string, PublicAccessBlock | null, PublicAccessBlock | null, string]>([
    [
      'no configuration anywhere',
      null,
      null,
      'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets off',
    ],
    [
      'one bucket setting off and no account configuration',
      publicAccessBlock({ ignorePublicAcls: false }),
      null,
      'IgnorePublicAcls off',
    ],
    [
      'the same setting off at both levels',
      publicAccessBlock({ blockPublicPolicy: false }),
      publicAccessBlock({ blockPublicPolicy: false }),
      'BlockPublicPolicy off',
    ],
    [
      'every setting off at both levels',
      ALL_OFF,
      ALL_OFF,
      'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets off',
    ],
  ])(
    'fails a bucket with %s and names the missing settings',
    (_, bucketBlock, accountBlock, words) => {
      const findings = scan(bucketBlock, accountBlock);
      expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
      expect(findings[0]?.message).toBe(
        `Bucket data has ${words} at both bucket and account level.`,
      );
    },
  );

  test('judges each bucket on its own and reports an error for a bucket whose configuration could not be read', () => {
    const inventory = inventoryOf({
      global: {
        buckets: [bucket('open'), bucket('denied', 'eu-west-1'), bucket('closed')],
        bucketPublicAccessBlocks: {
          open: fetched(null),
          denied: failed('s3:GetPublicAccessBlock', 'eu-west-1'),
          closed: fetched(publicAccessBlock()),
        },
        accountPublicAccessBlock: null,
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'open'],
      ['ERROR', 'denied'],
      ['PASS', 'closed'],
    ]);
    expect(findings[1]?.message).toMatch(
      /Could not evaluate denied: s3:GetPublicAccessBlock failed in eu-west-1 \(AccessDenied/,
    );
  });

  test('reports an error, not a verdict, for a listed bucket the detail slice holds no entry for', () => {
    const inventory = inventoryOf({
      global: {
        buckets: [bucket('late')],
        bucketPublicAccessBlocks: {},
        accountPublicAccessBlock: publicAccessBlock(),
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([['ERROR', 'late']]);
    expect(findings[0]?.message).toMatch(/holds no entry/);
  });

  test('is not applicable in an account without buckets', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { buckets: [], bucketPublicAccessBlocks: {}, accountPublicAccessBlock: null },
      }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'global',
      message: 'Account 123456789012 has no S3 buckets.',
    });
  });

  test('reports an error naming the API when the bucket list could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          buckets: failed('s3:ListBuckets'),
          bucketPublicAccessBlocks: failed('s3:ListBuckets'),
          accountPublicAccessBlock: null,
        },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['ERROR', 'ERROR']);
    expect(findings[0]?.message).toMatch(/s3:ListBuckets failed in us-east-1/);
  });
});
