import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { trail } from '../../../test/fixtures/resources';
import check from './cloudtrail_kms_encryption_enabled';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('cloudtrail_kms_encryption_enabled', () => {
  test('passes a trail encrypted with a KMS key and names the key', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [trail('main', { kmsKeyId: KEY })] } } }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'main']]);
    expect(findings[0]?.message).toBe(`Trail main encrypts its log files with KMS key ${KEY}.`);
  });

  test('fails a trail whose logs are encrypted only with SSE-S3', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [trail('main', { kmsKeyId: null })] } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'main']]);
    expect(findings[0]?.message).toBe(
      'Trail main has no KMS key, so its log files are encrypted only with SSE-S3.',
    );
  });

  test('judges each trail once across the regions that list it', () => {
    const shared = trail('main', { kmsKeyId: null });
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { trails: [shared] }, 'eu-west-1': { trails: [shared] } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'main']]);
  });

  test('leaves an organization trail of another account to be checked there', () => {
    const orgTrail = trail('org', {
      arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
      kmsKeyId: null,
    });
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [orgTrail] } } }),
    );
    expect(verdicts(findings)).toEqual([['MANUAL', 'org']]);
    expect(findings[0]?.message).toMatch(/managed by account 999999999999; check it there/);
  });

  test('is not applicable when no region has a trail', () => {
    const findings = runCheck(check, inventoryOf({ regional: { 'us-east-1': { trails: [] } } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });
});
