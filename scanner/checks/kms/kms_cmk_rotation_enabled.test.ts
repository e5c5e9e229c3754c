import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { kmsKey } from '../../../test/fixtures/resources';
import type { KmsKey, KmsKeyDetails } from '../../model/logging';
import check from './kms_cmk_rotation_enabled';

const inRegion = (...kmsKeys: KmsKey[]) => inventoryOf({ regional: { 'us-east-1': { kmsKeys } } });
const CUSTOMER_SYMMETRIC: KmsKeyDetails = {
  manager: 'CUSTOMER',
  state: 'Enabled',
  spec: 'SYMMETRIC_DEFAULT',
  origin: 'AWS_KMS',
};

describe('kms_cmk_rotation_enabled', () => {
  test('passes a customer key with automatic rotation on', () => {
    const findings = runCheck(check, inRegion(kmsKey('key-rotating')));
    expect(verdicts(findings)).toEqual([['PASS', 'key-rotating']]);
    expect(findings[0]).toMatchObject({
      resourceType: 'AwsKmsKey',
      resourceArn: 'arn:aws:kms:us-east-1:123456789012:key/key-rotating',
      message: 'KMS key key-rotating rotates its key material automatically.',
    });
  });

  test('fails a customer key with automatic rotation off', () => {
    const findings = runCheck(
      check,
      inRegion(kmsKey('key-static', 'us-east-1', { rotationEnabled: fetched(false) })),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'key-static']]);
    expect(findings[0]?.message).toBe(
      'KMS key key-static does not rotate its key material automatically.',
    );
  });

  test.each<[string, Partial<KmsKeyDetails>]>([
    ['an AWS-managed key', { manager: 'AWS' }],
    ['an asymmetric key', { spec: 'RSA_2048' }],
    ['a disabled key', { state: 'Disabled' }],
    ['a key pending deletion', { state: 'PendingDeletion' }],
    ['a key with imported material', { origin: 'EXTERNAL' }],
  ])('does not judge %s, whose rotation the collector does not read', (_, details) => {
    const findings = runCheck(
      check,
      inRegion(
        kmsKey('key-skipped', 'us-east-1', {
          details: fetched({ ...CUSTOMER_SYMMETRIC, ...details }),
          rotationEnabled: null,
        }),
        kmsKey('key-rotating'),
      ),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'key-rotating']]);
  });

  test('reports an error for a key that could not be described, without judging its rotation', () => {
    const findings = runCheck(
      check,
      inRegion(
        kmsKey('key-hidden', 'us-east-1', {
          details: failed('kms:DescribeKey'),
          rotationEnabled: null,
        }),
        kmsKey('key-rotating'),
      ),
    );
    expect(verdicts(findings)).toEqual([
      ['ERROR', 'key-hidden'],
      ['PASS', 'key-rotating'],
    ]);
    expect(findings[0]?.message).toMatch(
      /^Could not evaluate key-hidden: kms:DescribeKey failed in us-east-1 \(AccessDenied/,
    );
  });

  test('reports an error for a key whose rotation status could not be read', () => {
    const findings = runCheck(
      check,
      inRegion(
        kmsKey('key-denied', 'us-east-1', { rotationEnabled: failed('kms:GetKeyRotationStatus') }),
      ),
    );
    expect(verdicts(findings)).toEqual([['ERROR', 'key-denied']]);
    expect(findings[0]?.message).toMatch(
      /kms:GetKeyRotationStatus failed in us-east-1 \(AccessDenied/,
    );
  });

  test('is not applicable in a region whose keys are all AWS-managed', () => {
    const awsManaged = kmsKey('key-aws', 'eu-west-1', {
      details: fetched({ ...CUSTOMER_SYMMETRIC, manager: 'AWS' }),
      rotationEnabled: null,
    });
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { kmsKeys: [awsManaged] } } }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: 'Region eu-west-1 has no enabled customer-managed symmetric KMS keys.',
    });
  });

  test('is not applicable in a region without keys', () => {
    expect(
      verdicts(runCheck(check, inventoryOf({ regional: { 'eu-west-1': { kmsKeys: [] } } }))),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('judges the readable regions and reports an error for a region whose keys could not be listed', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { kmsKeys: [kmsKey('key-rotating')] },
        'eu-west-1': { kmsKeys: failed('kms:ListKeys', 'eu-west-1') },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'key-rotating'],
    ]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: expect.stringMatching(/kms:ListKeys failed in eu-west-1/),
    });
  });
});
