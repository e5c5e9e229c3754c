import type { Fetched } from './inventory';

/** What a creation event made: an instance, a user, a role or an access key. */
export interface CreatedResource {
  /** Security Hub's type: `AwsEc2Instance`, `AwsIamUser`, `AwsIamRole` or `AwsIamAccessKey`. */
  readonly type: string;
  /** Instance id, user or role name, or access key id. */
  readonly id: string;
  /**
   * The resource's ARN. IAM gives access keys none: a key's is its user's ARN followed by
   * `/access-key/<id>`, a stable identifier for fingerprints, not an ARN AWS issues.
   */
  readonly arn: string;
}

/** Who made a call, from the event's `userIdentity`. */
export interface EventCreator {
  /** `IAMUser`, `AssumedRole`, `Root`, `FederatedUser`, `AWSService`, … */
  readonly identityType: string;
  /** The caller's ARN: for an assumed role, the session (`…:assumed-role/<role>/<session>`). */
  readonly arn: string | null;
  /** For an assumed role or federated user, the role or user whose session made the call. */
  readonly sessionIssuer: string | null;
  /** For a call an AWS service made itself, the service (`autoscaling.amazonaws.com`). */
  readonly invokedBy: string | null;
}

/** One successful management event that created resources. */
export interface CreationEvent {
  readonly eventId: string;
  /** `RunInstances`, `CreateUser`, `CreateRole` or `CreateAccessKey`. */
  readonly eventName: string;
  /** ISO 8601. */
  readonly eventTime: string;
  readonly sourceIp: string | null;
  /** The access key that signed the call, when one did. */
  readonly accessKeyId: string | null;
  readonly creator: EventCreator;
  readonly resources: readonly CreatedResource[];
}

/** The creation events LookupEvents returned since a time, newest first. */
export interface CreationEventWindow {
  readonly events: readonly CreationEvent[];
  /**
   * Event names whose events were not all read, because the bound on pages was reached: the
   * events older than the oldest one read are missing.
   */
  readonly truncated: readonly string[];
}

/** A CloudTrail LookupEvents read of creation events in one region. */
export interface CreationEvents {
  /**
   * The lookup's StartTime: the scan's `createdSince`. Null when none was set, in which case
   * nothing was read.
   */
  readonly since: string | null;
  /** The events, or why LookupEvents could not be read (denied, throttled, not implemented). */
  readonly lookup: Fetched<CreationEventWindow>;
}
