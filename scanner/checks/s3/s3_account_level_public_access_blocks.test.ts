import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { publicAccessBlock } from '../../../test/fixtures/resources';
import type { PublicAccessBlock } from '../../model/s3';
import check from './s3_account_level_public_access_blocks';

describe('s3_account_level_public_access_blocks', () => {
  test('passes an account with all four settings on', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountPublicAccessBlock: publicAccessBlock() } }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'global',
      resourceArn: 'arn:aws:s3::123456789012:account',
    });
    expect(findings[0]?.message).toMatch(/all four S3 Block Public Access settings on/);
  });

  test.each<[Partial<PublicAccessBlock>, string]>([
    [{ blockPublicAcls: false }, 'setting BlockPublicAcls off'],
    [{ ignorePublicAcls: false }, 'setting IgnorePublicAcls off'],
    [{ blockPublicPolicy: false }, 'setting BlockPublicPolicy off'],
    [{ restrictPublicBuckets: false }, 'setting RestrictPublicBuckets off'],
    [
      { blockPublicAcls: false, blockPublicPolicy: false },
      'settings BlockPublicAcls and BlockPublicPolicy off',
    ],
    [
      {
        blockPublicAcls: false,
        ignorePublicAcls: false,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
      'settings BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets off',
    ],
  ])('fails an account with %j and names the settings that are off', (overrides, words) => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountPublicAccessBlock: publicAccessBlock(overrides) } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toContain(words);
  });

  test('fails an account without an account-level configuration', () => {
    const findings = runCheck(check, inventoryOf({ global: { accountPublicAccessBlock: null } }));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/no account-level S3 Block Public Access configuration/);
  });

  test('is never not applicable, even in an account without buckets, since it also guards buckets created later', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { accountPublicAccessBlock: null, buckets: [] } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
  });

  test('reports an error naming the API when the configuration could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { accountPublicAccessBlock: failed('s3control:GetPublicAccessBlock') },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /s3control:GetPublicAccessBlock failed in us-east-1 \(AccessDenied/,
    );
  });
});
