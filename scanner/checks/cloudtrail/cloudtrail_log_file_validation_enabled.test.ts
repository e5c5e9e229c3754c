import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { trail } from '../../../test/fixtures/resources';
import check from './cloudtrail_log_file_validation_enabled';

describe('cloudtrail_log_file_validation_enabled', () => {
  test('passes a trail with log file validation, in its home region', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [trail('main')] } } }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'main']]);
    expect(findings[0]).toMatchObject({
      region: 'us-east-1',
      resourceType: 'AwsCloudTrailTrail',
      resourceArn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
    });
    expect(findings[0]?.message).toBe('Trail main has log file validation enabled.');
  });

  test('fails a trail without log file validation', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { trails: [trail('main', { logFileValidationEnabled: false })] } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'main']]);
    expect(findings[0]?.message).toMatch(/log file validation disabled/);
  });

  test('judges a multi-region trail listed in several regions once, in its home region', () => {
    const shared = trail('main', { logFileValidationEnabled: false });
    const local = trail('local', {
      arn: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/local',
      homeRegion: 'eu-west-1',
      isMultiRegion: false,
    });
    const inventory = inventoryOf({
      regional: { 'us-east-1': { trails: [shared] }, 'eu-west-1': { trails: [shared, local] } },
    });
    const findings = runCheck(check, inventory);
    expect(findings.map((finding) => [finding.status, finding.resourceId, finding.region])).toEqual(
      [
        ['FAIL', 'main', 'us-east-1'],
        ['PASS', 'local', 'eu-west-1'],
      ],
    );
  });

  test('leaves an organization trail of the management account to be checked there', () => {
    const orgTrail = trail('org', {
      arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
      isOrganizationTrail: true,
      logFileValidationEnabled: false,
    });
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [orgTrail] } } }),
    );
    expect(verdicts(findings)).toEqual([['MANUAL', 'org']]);
    expect(findings[0]?.message).toBe(
      'Trail org is managed by account 999999999999; check it there.',
    );
  });

  test('is not applicable, once for the account, when no region has a trail', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { trails: [] }, 'eu-west-1': { trails: [] } } }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'global',
      message: 'Account 123456789012 has no CloudTrail trail in the scanned regions.',
    });
  });

  test('reports an error for a region whose trails could not be listed and judges the others', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { trails: [trail('main')] },
        'eu-west-1': { trails: failed('cloudtrail:DescribeTrails', 'eu-west-1') },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'main'],
    ]);
    expect(findings[0]?.message).toMatch(/cloudtrail:DescribeTrails failed in eu-west-1/);
  });
});
