import { resolveScanConfig } from './scan-config';

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
