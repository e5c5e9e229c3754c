import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './ec2_ebs_default_encryption';

describe('ec2_ebs_default_encryption', () => {
  test('passes a region with encryption by default on', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { ebsEncryptionByDefault: true } } }),
    );
    expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'us-east-1',
      resourceType: 'AwsAccount',
      resourceArn: 'arn:aws:ec2:us-east-1:123456789012:account',
      message: 'EBS encryption by default is enabled in us-east-1.',
    });
  });

  test('fails a region with encryption by default off', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { ebsEncryptionByDefault: false } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/disabled in eu-west-1, so new volumes are unencrypted/);
  });

  test('is never not applicable: it judges every region, since the setting governs volumes created later', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { ebsEncryptionByDefault: true },
          'eu-west-1': { ebsEncryptionByDefault: false },
        },
      }),
    );
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['PASS', 'us-east-1'],
      ['FAIL', 'eu-west-1'],
    ]);
  });

  test('reports an error naming the API for a region whose setting could not be read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { ebsEncryptionByDefault: true },
        'eu-west-1': {
          ebsEncryptionByDefault: failed(
            'ec2:GetEbsEncryptionByDefault',
            'eu-west-1',
            'UnauthorizedOperation',
          ),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['ERROR', 'eu-west-1'],
      ['PASS', 'us-east-1'],
    ]);
    expect(findings[0]?.message).toMatch(
      /ec2:GetEbsEncryptionByDefault failed in eu-west-1 \(UnauthorizedOperation/,
    );
  });
});
