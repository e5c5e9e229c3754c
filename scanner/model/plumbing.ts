import type { Fetched } from './inventory';
import type { PolicyDocument } from './policy';

/** A bucket's Object Lock configuration; null days and years mean no default retention. */
export interface ObjectLockSettings {
  readonly enabled: boolean;
  /** `COMPLIANCE` or `GOVERNANCE` default retention mode. */
  readonly mode: string | null;
  readonly days: number | null;
  readonly years: number | null;
}

/** A bucket's default encryption. */
export interface BucketEncryption {
  /** `aws:kms`, `aws:kms:dsse` or `AES256`. */
  readonly algorithm: string;
  readonly kmsKeyId: string | null;
}

/**
 * A bucket the module tagged `pyjamas:component=evidence-bucket`, with the settings that make it
 * fit to hold evidence. Null values mean "not configured".
 */
export interface EvidenceBucket {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly objectLock: Fetched<ObjectLockSettings | null>;
  /** `Enabled`, `Suspended`, or null when versioning was never turned on. */
  readonly versioning: Fetched<string | null>;
  readonly encryption: Fetched<BucketEncryption | null>;
  readonly policy: Fetched<PolicyDocument | null>;
}
