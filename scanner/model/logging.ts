import type { Fetched } from './inventory';

/** A basic event selector of a trail. */
export interface EventSelector {
  /** `All`, `ReadOnly` or `WriteOnly`. */
  readonly readWriteType: string;
  readonly includeManagementEvents: boolean;
  readonly excludeManagementEventSources: readonly string[];
  readonly dataResources: readonly { readonly type: string; readonly values: readonly string[] }[];
}

/** An advanced event selector, reduced to its field conditions. */
export interface AdvancedEventSelector {
  readonly name: string | null;
  readonly fieldSelectors: readonly {
    readonly field: string;
    readonly equals: readonly string[];
    readonly notEquals: readonly string[];
    readonly startsWith: readonly string[];
    readonly notStartsWith: readonly string[];
    readonly endsWith: readonly string[];
    readonly notEndsWith: readonly string[];
  }[];
}

/** cloudtrail:GetTrailStatus, reduced to what the checks read. */
export interface TrailStatus {
  readonly isLogging: boolean;
  readonly latestDeliveryError: string | null;
}

/** cloudtrail:GetEventSelectors: which events a trail records. */
export interface TrailEventSelectors {
  readonly basic: readonly EventSelector[];
  readonly advanced: readonly AdvancedEventSelector[];
}

/**
 * A trail that applies to the region it was listed in. Multi-region trails are listed in every
 * region (as "shadow trails" outside their home region); their status and selectors are read
 * once, in the home region.
 */
export interface Trail {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly isMultiRegion: boolean;
  readonly isOrganizationTrail: boolean;
  readonly includeGlobalServiceEvents: boolean;
  readonly logFileValidationEnabled: boolean;
  readonly kmsKeyId: string | null;
  readonly s3BucketName: string | null;
  readonly cloudWatchLogsLogGroupArn: string | null;
  readonly status: Fetched<TrailStatus>;
  readonly eventSelectors: Fetched<TrailEventSelectors>;
}

/** An AWS Config recorder with its status. */
export interface ConfigRecorder {
  readonly name: string;
  readonly allSupported: boolean;
  readonly includeGlobalResourceTypes: boolean;
  /** `ALL_SUPPORTED_RESOURCE_TYPES`, `INCLUSION_BY_RESOURCE_TYPES` or `EXCLUSION_BY_RESOURCE_TYPES`. */
  readonly recordingStrategy: string | null;
  readonly recording: boolean;
  /** Upper case: `SUCCESS`, `FAILURE` or `PENDING`; null before the first recording. */
  readonly lastStatus: string | null;
}

/** A GuardDuty detector of one region. */
export interface GuardDutyDetector {
  readonly id: string;
  readonly arn: string;
  /** `ENABLED` or `DISABLED`. */
  readonly status: string;
  /** Protection plans (`S3_DATA_EVENTS`, `RUNTIME_MONITORING`, …) and whether each is `ENABLED`. */
  readonly features: readonly { readonly name: string; readonly status: string }[];
}

/** What kms:DescribeKey says of a key. */
export interface KmsKeyDetails {
  /** `AWS` or `CUSTOMER`. */
  readonly manager: string;
  readonly state: string;
  readonly spec: string;
  readonly origin: string;
}

/** A KMS key of one region, with its description and rotation status. */
export interface KmsKey {
  readonly id: string;
  readonly arn: string;
  /** Fails on its own when the key policy does not let the scanner describe the key. */
  readonly details: Fetched<KmsKeyDetails>;
  /** Rotation status, read only for enabled customer-managed symmetric keys; null otherwise. */
  readonly rotationEnabled: Fetched<boolean> | null;
}
