import { parseScanSettings, resolveScanConfig } from './scan-config';

describe('resolveScanConfig', () => {
  test('uses the benchmark value instead of a weaker one and says so', () => {
    const { config, notices } = resolveScanConfig({
      maxUnusedCredentialDays: 90,
      minPasswordLength: 8,
    });
    expect(config.maxUnusedCredentialDays).toBe(45);
    expect(config.minPasswordLength).toBe(14);
    expect(notices).toEqual([
      { setting: 'maxUnusedCredentialDays', requested: 90, used: 45 },
      { setting: 'minPasswordLength', requested: 8, used: 14 },
    ]);
  });

  test('keeps stricter values without a notice', () => {
    const { config, notices } = resolveScanConfig({
      maxUnusedCredentialDays: 30,
      maxAccessKeyAgeDays: 60,
    });
    expect(config).toMatchObject({ maxUnusedCredentialDays: 30, maxAccessKeyAgeDays: 60 });
    expect(notices).toEqual([]);
  });
});

describe('parseScanSettings', () => {
  test('reads thresholds and readiness settings', () => {
    expect(
      parseScanSettings(
        '{"maxForensicAmiAgeDays":7,"guardDutyFeatures":["S3_DATA_EVENTS"],"respondersDeclaredDryRun":true}',
        'settings.json',
      ),
    ).toEqual({
      maxForensicAmiAgeDays: 7,
      guardDutyFeatures: ['S3_DATA_EVENTS'],
      respondersDeclaredDryRun: true,
    });
  });

  test('reads the unauthorized-resources settings', () => {
    expect(
      parseScanSettings(
        '{"allowedRegions":["eu-west-1","us-east-1"],"createdSince":"2026-11-30T08:00:00Z"}',
        'settings.json',
      ),
    ).toEqual({ allowedRegions: ['eu-west-1', 'us-east-1'], createdSince: '2026-11-30T08:00:00Z' });
  });

  test('reads the expected creators: ARNs, ARN patterns, session patterns and service principals', () => {
    const creators = [
      'arn:aws:iam::111122223333:role/Deployer',
      'arn:aws:iam::111122223333:user/ci-*',
      'arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com',
      'autoscaling.amazonaws.com',
    ];
    expect(
      parseScanSettings(
        JSON.stringify({ createdSince: '2026-11-30T08:00:00Z', expectedCreators: creators }),
        'settings.json',
      ),
    ).toEqual({ createdSince: '2026-11-30T08:00:00Z', expectedCreators: creators });
  });

  test('takes readiness settings as given and keeps the CIS floors', () => {
    const { config } = resolveScanConfig({ maxForensicAmiAgeDays: 60, guardDutyFeatures: [] });
    expect(config).toMatchObject({
      maxForensicAmiAgeDays: 60,
      guardDutyFeatures: [],
      maxAccessKeyAgeDays: 90,
    });
  });

  test.each([
    ['not JSON', '{', /settings.json is not JSON/],
    ['a list', '[]', /must hold a JSON object/],
    ['an unknown key', '{"maxAge":3}', /unknown setting "maxAge"; known settings: /],
    [
      'a fraction of a day',
      '{"maxForensicAmiAgeDays":1.5}',
      /"maxForensicAmiAgeDays" must be a whole number/,
    ],
    [
      'a feature that is not a name',
      '{"guardDutyFeatures":[1]}',
      /list of GuardDuty feature names/,
    ],
    ['a switch that is text', '{"respondersDeclaredDryRun":"yes"}', /must be true or false/],
    ['a region that is no region', '{"allowedRegions":["mars-1"]}', /list of region names/],
    ['no allowed region at all', '{"allowedRegions":[]}', /non-empty list of region names/],
    ['a time that is no time', '{"createdSince":"last week"}', /an ISO 8601 time/],
    [
      'an expected creator that is no ARN',
      '{"createdSince":"2026-11-30T08:00:00Z","expectedCreators":["Deployer"]}',
      /"expectedCreators" must be a non-empty list of principal ARNs/,
    ],
    [
      'an ARN missing its parts',
      '{"createdSince":"2026-11-30T08:00:00Z","expectedCreators":["arn:aws:iam::role/Deployer"]}',
      /"expectedCreators" must be/,
    ],
    [
      'no expected creator at all',
      '{"createdSince":"2026-11-30T08:00:00Z","expectedCreators":[]}',
      /"expectedCreators" must be a non-empty list/,
    ],
    [
      'expected creators without a time to read from',
      '{"expectedCreators":["arn:aws:iam::111122223333:role/Deployer"]}',
      /"expectedCreators" needs "createdSince"/,
    ],
  ])('refuses %s, naming the problem', (_, text, message) => {
    expect(() => parseScanSettings(text, 'settings.json')).toThrow(message);
  });
});
