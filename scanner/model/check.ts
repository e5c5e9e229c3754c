import type { CheckResult, Severity } from './finding';
import type { GlobalSlices, RegionalSlices, SliceKey } from './slices';

/** A regional slice as a check sees it: region name to that region's data. */
export type PerRegion<T> = { readonly [region: string]: T };

/** The data of slice `K` as handed to a check. */
export type SliceInput<K extends SliceKey> = K extends keyof GlobalSlices
  ? GlobalSlices[K]
  : K extends keyof RegionalSlices
    ? PerRegion<RegionalSlices[K]>
    : never;

/** The argument of `evaluate`: exactly the slices the check declared in `needs`. */
export type CheckInput<N extends readonly SliceKey[]> = {
  readonly [K in N[number]]: SliceInput<K>;
};

/** Thresholds of the age- and policy-based checks. */
export interface ScanConfig {
  /**
   * Days after which an unused password or access key counts as unused.
   *
   * @default 45 (CIS AWS Foundations 1.11 / 2.11)
   */
  readonly maxUnusedCredentialDays: number;
  /**
   * Days after which an active access key must have been rotated.
   *
   * @default 90 (CIS 1.13 / 2.12)
   */
  readonly maxAccessKeyAgeDays: number;
  /** @default 14 (CIS 1.7 / 2.8) */
  readonly minPasswordLength: number;
  /** @default 24 (CIS 1.8 / 2.9) */
  readonly minPasswordReusePrevention: number;
  /**
   * Days after which the forensic AMI counts as stale: its tools and patches are then older than
   * the weekly pipeline should allow.
   *
   * @default 14 (two missed weekly builds)
   */
  readonly maxForensicAmiAgeDays: number;
  /**
   * GuardDuty protection plans (API feature names) every enabled detector must have on.
   *
   * @default the plans the module turns on: S3 data events, EKS audit logs, EBS malware
   * protection, RDS login events, Lambda network logs (Runtime Monitoring is opt-in: it installs
   * an agent)
   */
  readonly guardDutyFeatures: readonly string[];
  /**
   * Whether the responder functions are declared to run in dry run (PYJAMAS_ENFORCE=false), as
   * the module deploys them until an operator turns enforcement on.
   *
   * @default false: a responder in dry run fails its readiness check
   */
  readonly respondersDeclaredDryRun: boolean;
  /**
   * Regions where instances may run. An instance anywhere else fails: the account's unused
   * regions are where stolen keys launch crypto miners, out of everyone's sight.
   *
   * @default null: not judged (the check reports NOT_APPLICABLE)
   */
  readonly allowedRegions: readonly string[] | null;
  /**
   * ISO 8601 time (e.g. when a key leaked) after which every new IAM user, role and access key
   * is listed for review as MANUAL: who made it is in CloudTrail, which the check does not read.
   *
   * @default null: not judged
   */
  readonly createdSince: string | null;
  /**
   * Principals expected to create instances, users, roles and access keys: ARNs or ARN patterns
   * (`*` any run, `?` one character) of users and roles, assumed-role session patterns
   * (`arn:aws:sts::111122223333:assumed-role/Deployer/*`), or AWS service principals
   * (`autoscaling.amazonaws.com`). With `createdSince`, every such resource CloudTrail saw created
   * since then by anyone else fails.
   *
   * @default null: not judged
   */
  readonly expectedCreators: readonly string[] | null;
}

/** The GuardDuty protection plans the module enables by default. */
export const MODULE_GUARDDUTY_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
] as const;

/** The CIS thresholds, used unless a scan sets others. */
export const DEFAULT_SCAN_CONFIG: ScanConfig = {
  maxUnusedCredentialDays: 45,
  maxAccessKeyAgeDays: 90,
  minPasswordLength: 14,
  minPasswordReusePrevention: 24,
  maxForensicAmiAgeDays: 14,
  guardDutyFeatures: MODULE_GUARDDUTY_FEATURES,
  respondersDeclaredDryRun: false,
  allowedRegions: null,
  createdSince: null,
  expectedCreators: null,
};

/** What a check knows besides the inventory. Checks never read the clock themselves. */
export interface CheckContext {
  /** The scan's "now" (`--as-of`, or the end of collection). */
  readonly now: Date;
  readonly account: string;
  readonly partition: string;
  /** Regions whose data this evaluation covers; regions that could not be read are excluded. */
  readonly regions: readonly string[];
  readonly config: ScanConfig;
}

/** Static description of a check, shown in reports and `pyjamas list-checks`. */
export interface CheckMetadata {
  /** `<service>_<resource>_<expected state>`, equal to the file name. */
  readonly id: string;
  /** States the passing condition. */
  readonly title: string;
  readonly service: string;
  readonly severity: Severity;
  /** Resource type in AWS Security Hub's vocabulary, e.g. `AwsCloudTrailTrail`. */
  readonly resourceType: string;
  /** What an attacker or an incident responder gains or loses when the check fails. */
  readonly risk: string;
  /** How to fix a failure. */
  readonly remediation: string;
  readonly references: readonly string[];
}

/** A check as written in its file: metadata, the slices it reads, and a pure evaluation. */
export interface CheckDefinition<N extends readonly SliceKey[]> extends CheckMetadata {
  /** Inventory slices the check reads; collection is driven by the union of these. */
  readonly needs: N;
  /**
   * Judges the inventory. Returns one result per resource examined; an empty scope yields a
   * NOT_APPLICABLE result rather than nothing, so reports show that the check ran.
   */
  evaluate(input: CheckInput<N>, ctx: CheckContext): readonly CheckResult[];
}

/** A check with its slice list erased, as held in the registry. */
export interface Check extends CheckMetadata {
  readonly needs: readonly SliceKey[];
  evaluate(input: Readonly<Record<string, unknown>>, ctx: CheckContext): readonly CheckResult[];
}

/**
 * Declares a check. `evaluate` sees only the slices listed in `needs`: reading any other slice
 * is a type error, so the declaration that drives collection cannot drift from the code.
 */
export function defineCheck<const N extends readonly SliceKey[]>(
  definition: CheckDefinition<N>,
): Check {
  return definition;
}
