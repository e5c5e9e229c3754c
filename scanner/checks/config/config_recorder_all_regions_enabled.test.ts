import { failed, inventoryOf, runCheck } from '../../../test/fixtures/inventory';
import { configRecorder } from '../../../test/fixtures/resources';
import type { Finding } from '../../model/finding';
import type { ConfigRecorder } from '../../model/logging';
import check from './config_recorder_all_regions_enabled';

const byRegion = (findings: readonly Finding[]) =>
  findings.map((finding) => [finding.status, finding.region]);

function scanOne(recorders: ConfigRecorder[]) {
  return runCheck(
    check,
    inventoryOf({ regional: { 'eu-west-1': { configRecorders: recorders } } }),
  );
}

describe('config_recorder_all_regions_enabled', () => {
  test('passes each region with a recorder recording all supported types, and the account when one records global types', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { configRecorders: [configRecorder()] },
        'eu-west-1': { configRecorders: [configRecorder({ includeGlobalResourceTypes: false })] },
      },
    });
    const findings = runCheck(check, inventory);
    expect(byRegion(findings)).toEqual([
      ['PASS', 'us-east-1'],
      ['PASS', 'eu-west-1'],
      ['PASS', 'global'],
    ]);
    expect(findings.map((finding) => finding.resourceArn)).toEqual([
      'arn:aws:config:us-east-1:123456789012:account',
      'arn:aws:config:eu-west-1:123456789012:account',
      'arn:aws:config::123456789012:account',
    ]);
    expect(findings[1]?.message).toBe(
      'AWS Config recorder default in region eu-west-1 is recording all supported resource types.',
    );
    expect(findings[2]?.message).toMatch(
      /recorder default in region us-east-1 records global resource types/,
    );
  });

  test('passes a recorder that uses the ALL_SUPPORTED_RESOURCE_TYPES recording strategy', () => {
    const findings = scanOne([
      configRecorder({ allSupported: false, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES' }),
    ]);
    expect(byRegion(findings)[0]).toEqual(['PASS', 'eu-west-1']);
  });

  test('is never not applicable: a region without a recorder fails, and so does the account', () => {
    const findings = scanOne([]);
    expect(byRegion(findings)).toEqual([
      ['FAIL', 'eu-west-1'],
      ['FAIL', 'global'],
    ]);
    expect(findings[0]?.message).toBe('Region eu-west-1 has no AWS Config recorder.');
    expect(findings[1]?.message).toMatch(
      /includes global resource types, so IAM users, groups, roles and policies go unrecorded/,
    );
  });

  test.each<[string, Partial<ConfigRecorder>, string]>([
    ['is stopped', { recording: false }, 'is not recording'],
    [
      'records only selected types',
      { allSupported: false, recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES' },
      'records only selected resource types (INCLUSION_BY_RESOURCE_TYPES)',
    ],
    [
      'excludes some types',
      { allSupported: false, recordingStrategy: 'EXCLUSION_BY_RESOURCE_TYPES' },
      'records only selected resource types (EXCLUSION_BY_RESOURCE_TYPES)',
    ],
    [
      'failed its last recording, as AWS spells it',
      { lastStatus: 'Failure' },
      'is recording but its last recording attempt failed',
    ],
    [
      'failed its last recording, as moto spells it',
      { lastStatus: 'FAILURE' },
      'is recording but its last recording attempt failed',
    ],
  ])('fails a region whose recorder %s', (_, overrides, words) => {
    const [finding] = scanOne([configRecorder(overrides)]);
    expect(finding?.status).toBe('FAIL');
    expect(finding?.message).toBe(`AWS Config recorder default in region eu-west-1 ${words}.`);
  });

  test.each(['PENDING', 'Success', null])(
    'passes a recording recorder whose last status is %p',
    (lastStatus) => {
      expect(scanOne([configRecorder({ lastStatus })])[0]?.status).toBe('PASS');
    },
  );

  test('explains the recorder nearest to passing', () => {
    const [finding] = scanOne([
      configRecorder({ name: 'stopped', recording: false }),
      configRecorder({ name: 'partial', allSupported: false, recordingStrategy: null }),
    ]);
    expect(finding?.message).toBe(
      'AWS Config recorder partial in region eu-west-1 records only selected resource types (allSupported false).',
    );
  });

  test('fails the account when only a stopped recorder includes global resource types', () => {
    const findings = scanOne([configRecorder({ recording: false })]);
    expect(byRegion(findings)).toEqual([
      ['FAIL', 'eu-west-1'],
      ['FAIL', 'global'],
    ]);
  });

  test('reports an error for a region whose recorders could not be read and judges the others', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { configRecorders: [configRecorder()] },
        'eu-west-1': {
          configRecorders: failed('config:DescribeConfigurationRecorders', 'eu-west-1'),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(byRegion(findings)).toEqual([
      ['ERROR', 'eu-west-1'],
      ['PASS', 'us-east-1'],
      ['PASS', 'global'],
    ]);
    expect(findings[0]?.message).toMatch(
      /config:DescribeConfigurationRecorders failed in eu-west-1/,
    );
  });
});
