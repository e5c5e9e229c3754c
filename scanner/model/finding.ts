/**
 * - PASS: the resource meets the control.
 * - FAIL: it does not.
 * - MANUAL: a person has to judge (for example, the resource lives in another account).
 * - ERROR: the scanner could not look (denied or unsupported API, or a check that threw).
 * - NOT_APPLICABLE: nothing the control applies to exists in this scope.
 */
export type Status = 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | 'NOT_APPLICABLE';

/** Every status, in report order: what needs attention first. */
export const STATUSES: readonly Status[] = ['FAIL', 'ERROR', 'MANUAL', 'PASS', 'NOT_APPLICABLE'];

/** How much a failed finding matters, in Security Hub's vocabulary. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'informational';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
];

/** Tags of a resource, key to value. */
export type Tags = { readonly [key: string]: string };

/** The resource a result is about. Account-level controls use the account's pseudo-resource. */
export interface ResourceRef {
  /** Region of the resource, or `global` for account-wide services such as IAM. */
  readonly region: string;
  /** Resource type in AWS Security Hub's vocabulary, e.g. `AwsIamUser`. */
  readonly type: string;
  readonly id: string;
  readonly arn: string;
  /** The resource's tags, where its collector read them; mutelist rules can match them. */
  readonly tags?: Tags;
}

/** What a check says about one resource. */
export interface CheckResult {
  readonly status: Status;
  readonly resource: ResourceRef;
  /** One sentence naming the resource and what was found, ending with a period. */
  readonly message: string;
  /** Overrides the check's severity, e.g. lower when a grant holds only under conditions. */
  readonly severity?: Severity;
}

/** A check result stamped with the check's metadata, compliance mapping and fingerprint. */
export interface Finding {
  /** Stable fingerprint: SHA-256 of check id, account, region and resource ARN (hex, 32 chars). */
  readonly id: string;
  readonly checkId: string;
  /** The account the resource is in, so findings merged across an organization keep it. */
  readonly account: string;
  readonly title: string;
  readonly service: string;
  readonly severity: Severity;
  readonly status: Status;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceArn: string;
  readonly message: string;
  readonly remediation: string;
  /** Framework id (e.g. `cis-aws-5.0`) to the control ids this check evaluates there. */
  readonly compliance: { readonly [framework: string]: readonly string[] };
  readonly muted: boolean;
  /** Why the finding is muted, from the mutelist rule that matched. */
  readonly mutedReason?: string;
}
