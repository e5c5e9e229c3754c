import type { Fetched } from './inventory';
import type { PolicyDocument } from './policy';

/** An S3 bucket and its region. */
export interface Bucket {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly createdAt: string | null;
}

/** The four Block Public Access settings, at bucket or account level. */
export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

/** An S3 bucket and its region. */
export interface BucketLogging {
  readonly targetBucket: string;
  readonly targetPrefix: string;
}

/** Per-bucket detail, keyed by bucket name; each bucket's read can fail on its own. */
export type PerBucket<T> = { readonly [bucket: string]: Fetched<T> };
export type { PolicyDocument };

/** s3:GetBucketVersioning, reduced to its two states. */
export interface BucketVersioning {
  /** `Enabled`, `Suspended`, or null when versioning was never enabled. */
  readonly status: string | null;
  /** `Enabled`, `Disabled`, or null when MFA delete was never configured. */
  readonly mfaDelete: string | null;
}
