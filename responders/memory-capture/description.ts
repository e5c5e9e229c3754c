/** What `forensics finish-memory-capture` reads, as plain data for the pure plan. */
import type { MemoryScratchVolume } from '../isolate-ec2-instance/description';

/** One Run Command invocation of the case on the instance. */
export interface RunCommandState {
  readonly commandId: string;
  /** `Pending`, `InProgress`, `Success`, `Failed`, `TimedOut`, ... */
  readonly status: string;
}

/** The image as S3 holds it once completed. */
export interface SealedImageState {
  readonly versionId?: string;
  readonly checksumSha256?: string;
}

/** The network interface of the instance and its groups now. */
export interface InterfaceGroups {
  readonly networkInterfaceId: string;
  readonly groupIds: readonly string[];
}

/** Everything the finishing plan needs, read once. */
export interface MemoryFinishDescription {
  readonly caseId: string;
  readonly region: string;
  readonly account: string;
  readonly instanceId: string;
  readonly bucket: string;
  readonly bucketRegion: string;
  /** The account that owns the bucket, from the evidence store (ExpectedBucketOwner). */
  readonly expectedOwner: string;
  /** Part size and count, from the instance type's memory as the capture planned them. */
  readonly partMiB: number;
  readonly maxParts: number;
  /** The latest capture (phase one) and upload (phase two) the case's records name on the instance. */
  readonly capture?: RunCommandState;
  readonly upload?: RunCommandState;
  /** The image's key, from the part list the capture filed beside it. */
  readonly imageKey?: string;
  /** Version of the part list read; the runners read exactly that version again. */
  readonly partListVersionId?: string;
  /** How many parts the host reported, or why its list cannot be used. */
  readonly reportedParts?: number;
  readonly partListProblem?: string;
  /** A multipart upload of the image that is open. */
  readonly openUploadId?: string;
  readonly sealed?: SealedImageState;
  readonly scratch?: MemoryScratchVolume;
  /** Why some of the case's records could not be read or trusted, in words. */
  readonly recordProblems?: readonly string[];
  /** The memory-capture groups of the instance's VPCs. */
  readonly captureGroupIds: readonly string[];
  readonly interfaces: readonly InterfaceGroups[];
}
