import { isRegionName } from '../lib/aws/clients';
import { UsageError } from '../lib/errors';
import { DEFAULT_SCAN_CONFIG, type ScanConfig } from './model/check';

/** A threshold a scan asked for that would weaken a CIS control, and what is used instead. */
export interface ThresholdNotice {
  readonly setting: CisThreshold;
  readonly requested: number;
  readonly used: number;
}

/** The settings that tune a CIS control, which a scan may make stricter only. */
type CisThreshold =
  | 'maxUnusedCredentialDays'
  | 'maxAccessKeyAgeDays'
  | 'minPasswordLength'
  | 'minPasswordReusePrevention';

/**
 * The thresholds a scan uses: the requested ones, but never weaker than the CIS benchmark
 * (unused credentials 45 days, key age 90 days, password length 14, reuse 24), since the
 * findings are mapped to CIS controls. Stricter values are kept. The readiness settings are not
 * CIS controls and are taken as given.
 */
export function resolveScanConfig(requested: Partial<ScanConfig>): {
  readonly config: ScanConfig;
  readonly notices: readonly ThresholdNotice[];
} {
  const notices: ThresholdNotice[] = [];
  const pick = (setting: CisThreshold, direction: 'atMost' | 'atLeast'): number => {
    const floor = DEFAULT_SCAN_CONFIG[setting];
    const asked = requested[setting];
    if (asked === undefined) return floor;
    const weaker = direction === 'atMost' ? asked > floor : asked < floor;
    if (weaker) notices.push({ setting, requested: asked, used: floor });
    return weaker ? floor : asked;
  };
  return {
    config: {
      ...DEFAULT_SCAN_CONFIG,
      ...requested,
      maxUnusedCredentialDays: pick('maxUnusedCredentialDays', 'atMost'),
      maxAccessKeyAgeDays: pick('maxAccessKeyAgeDays', 'atMost'),
      minPasswordLength: pick('minPasswordLength', 'atLeast'),
      minPasswordReusePrevention: pick('minPasswordReusePrevention', 'atLeast'),
    },
    notices,
  };
}

const NUMBER_SETTINGS = [
  'maxUnusedCredentialDays',
  'maxAccessKeyAgeDays',
  'minPasswordLength',
  'minPasswordReusePrevention',
  'maxForensicAmiAgeDays',
] as const;

/** An ARN or ARN pattern with all six parts (`arn:partition:service:region:account:resource`), or a service principal. */
const EXPECTED_CREATOR =
  /^(arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+|[a-z0-9.*?-]+\.amazonaws\.com)$/;

/**
 * Reads a scan settings file (`pyjamas scan --config <file>`): a JSON object with any of the
 * {@link ScanConfig} keys. Unknown keys and wrong types are refused, naming the key and the fix.
 *
 * @throws {@link UsageError} when the file is not such an object
 */
export function parseScanSettings(text: string, source: string): Partial<ScanConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${source} is not JSON (${(error as Error).message}); write the scan settings as a JSON object`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${source} must hold a JSON object of scan settings`);
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const wrong = (expected: string) =>
      new UsageError(`${source}: "${key}" must be ${expected}, not ${JSON.stringify(value)}`);
    if ((NUMBER_SETTINGS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        throw wrong('a whole number of at least 1');
    } else if (key === 'guardDutyFeatures') {
      if (!Array.isArray(value) || !value.every((name) => typeof name === 'string'))
        throw wrong('a list of GuardDuty feature names such as "S3_DATA_EVENTS"');
    } else if (key === 'respondersDeclaredDryRun') {
      if (typeof value !== 'boolean') throw wrong('true or false');
    } else if (key === 'allowedRegions') {
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((name) => typeof name === 'string' && isRegionName(name))
      )
        throw wrong('a non-empty list of region names such as "eu-west-1"');
    } else if (key === 'createdSince') {
      if (
        typeof value !== 'string' ||
        Number.isNaN(Date.parse(value)) ||
        !/^\d{4}-\d{2}-\d{2}/.test(value)
      )
        throw wrong('an ISO 8601 time such as "2026-11-30T08:00:00Z"');
    } else if (key === 'expectedCreators') {
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((entry) => typeof entry === 'string' && EXPECTED_CREATOR.test(entry))
      )
        throw wrong(
          'a non-empty list of principal ARNs or ARN patterns such as "arn:aws:iam::111122223333:role/Deployer" or "arn:aws:sts::111122223333:assumed-role/Deployer/*", or AWS service principals such as "autoscaling.amazonaws.com"',
        );
    } else {
      throw new UsageError(
        `${source}: unknown setting "${key}"; known settings: ${Object.keys(DEFAULT_SCAN_CONFIG).join(', ')}`,
      );
    }
    settings[key] = value;
  }
  if (settings['expectedCreators'] !== undefined && settings['createdSince'] === undefined)
    throw new UsageError(
      `${source}: "expectedCreators" needs "createdSince", the time from which CloudTrail's creation events are read; add it, e.g. "createdSince": "2026-11-30T08:00:00Z"`,
    );
  return settings;
}
