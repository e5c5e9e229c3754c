/**
 * The fields of a CloudTrail record (the `CloudTrailEvent` JSON LookupEvents returns with each
 * event) that the scanner reads. Every field is optional: CloudTrail's record versions and event
 * types each carry a different subset.
 */
export interface TrailRecord {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly eventTime?: string;
  readonly sourceIPAddress?: string;
  readonly errorCode?: string;
  readonly userIdentity?: {
    readonly type?: string;
    readonly arn?: string;
    readonly accessKeyId?: string;
    readonly invokedBy?: string;
    readonly sessionContext?: { readonly sessionIssuer?: { readonly arn?: string } };
  };
  readonly requestParameters?: Record<string, unknown> | null;
  readonly responseElements?: Record<string, unknown> | null;
}

/** The record in an event's `CloudTrailEvent`, or an empty one when it is absent or not JSON. */
export function parseTrailRecord(source: string | undefined): TrailRecord {
  if (!source) return {};
  try {
    const parsed: unknown = JSON.parse(source);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
