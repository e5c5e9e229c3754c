import { createHash } from 'node:crypto';
import type { StepRef } from '../core/step';

/** What the memory-capture step records and its runner needs to sign the URLs. */
export interface MemoryCaptureInput {
  readonly bucket: string;
  readonly bucketRegion: string;
  /** The account that owns the bucket, sent with every call and signed into every URL. */
  readonly expectedOwner: string;
  /** The AVML binary in the evidence bucket. */
  readonly toolKey: string;
  readonly toolSha256: string;
  /** Where the image goes; the host's SHA-256 of each part goes to {@link partListKey}. */
  readonly imageKey: string;
  /** Every part but the last has this size (see `planCaptureParts`). */
  readonly partMiB: number;
  readonly maxParts: number;
  /** The scratch volume the image is written to, never one of the suspect's own. */
  readonly scratchVolumeId: string | StepRef;
  /** The device name it was attached as (Xen guests show it; Nitro guests show NVMe by serial). */
  readonly scratchDevice: string;
  /** Validity of every presigned URL: the capture's own time, and no longer. */
  readonly urlExpirySeconds: number;
  /** How long the script may run on the host. */
  readonly executionTimeoutSeconds: number;
}

/** Key of the list of the parts' SHA-256 the host reports for the image at `imageKey`. */
export function partListKey(imageKey: string): string {
  return `${imageKey}.part-sha256`;
}

/**
 * Key of the upload grants (one presigned UploadPart URL per part) of one multipart upload of the
 * image at `imageKey`. Grants are written once, so each upload has its own key (a digest of its
 * id, which S3 makes long): after the grants of an upload have expired, aborting it lets a new
 * upload be granted.
 */
export function uploadGrantsKey(imageKey: string, uploadId: string): string {
  return `${imageKey}.upload-grants-${createHash('sha256').update(uploadId).digest('hex').slice(0, 16)}`;
}
