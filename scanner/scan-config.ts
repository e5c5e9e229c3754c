import { DEFAULT_SCAN_CONFIG, type ScanConfig } from './model/check';

/** A threshold a scan asked for that would weaken a CIS control, and what is used instead. */
export interface ThresholdNotice {
  readonly setting: keyof ScanConfig;
  readonly requested: number;
  readonly used: number;
}

/**
 * The thresholds a scan uses: the requested ones, but never weaker than the CIS benchmark
 * (unused credentials 45 days, key age 90 days, password length 14, reuse 24), since the
 * findings are mapped to CIS controls. Stricter values are kept.
 */
export function resolveScanConfig(requested: Partial<ScanConfig>): {
  readonly config: ScanConfig;
  readonly notices: readonly ThresholdNotice[];
} {
  const notices: ThresholdNotice[] = [];
  const pick = (setting: keyof ScanConfig, direction: 'atMost' | 'atLeast'): number => {
    const floor = DEFAULT_SCAN_CONFIG[setting];
    const asked = requested[setting];
    if (asked === undefined) return floor;
    const weaker = direction === 'atMost' ? asked > floor : asked < floor;
    if (weaker) notices.push({ setting, requested: asked, used: floor });
    return weaker ? floor : asked;
  };
  return {
    config: {
      maxUnusedCredentialDays: pick('maxUnusedCredentialDays', 'atMost'),
      maxAccessKeyAgeDays: pick('maxAccessKeyAgeDays', 'atMost'),
      minPasswordLength: pick('minPasswordLength', 'atLeast'),
      minPasswordReusePrevention: pick('minPasswordReusePrevention', 'atLeast'),
    },
    notices,
  };
}
