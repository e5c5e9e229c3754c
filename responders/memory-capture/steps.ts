/*
 * The finishing plan's step factories: pure, steps as data; their runners are in runners.ts.
 */
import type { Step, StepRef } from '../core/step';

/** The Run Command comment that labels a case's upload: a label for people, no proof; a rerun finds the upload through the case's records. */
export function memoryUploadComment(caseId: string): string {
  return `pyjamas memory upload for case ${caseId}`;
}

/** What every step of the finishing plan needs to know. */
export interface FinishContext {
  readonly region: string;
  readonly caseId: string;
  readonly instanceId: string;
  readonly bucket: string;
  readonly bucketRegion: string;
  /** The account that owns the bucket: every S3 call sends it as `ExpectedBucketOwner`. */
  readonly expectedOwner: string;
}

/** The part list a runner reads again, pinned to the version the plan was made from. */
export interface PartListRef {
  readonly PartListKey: string;
  readonly PartListVersionId?: string;
  readonly MaxParts: number;
}

/** How long Run Command may take to deliver the upload script. */
const DELIVERY_TIMEOUT_SECONDS = 600;

/** Starts the image's multipart upload with SHA-256 part checksums. */
export function createUpload(context: FinishContext, imageKey: string): Step {
  return {
    id: 'create-memory-upload',
    reason:
      'A single PUT stops at 5 GB; a multipart upload with SHA-256 part checksums takes any image, each part verified by S3.',
    action: 's3:PutObject',
    region: context.bucketRegion,
    input: {
      Operation: 'CreateMultipartUpload',
      Bucket: context.bucket,
      Key: imageKey,
      ExpectedBucketOwner: context.expectedOwner,
    },
  };
}

/** Id of the step that files the grants; the upload reads its key from that step's output. */
export const FILE_GRANTS_STEP = 'file-upload-grants';

/**
 * Signs one UploadPart URL per reported part and files them beside the image, under the upload's
 * own key (`uploadGrantsKey`), which the runner answers with. Grants an earlier run filed for
 * the same upload are reused when they grant exactly these parts and stay valid for
 * `minValidSeconds` more.
 */
export function fileGrants(
  context: FinishContext,
  imageKey: string,
  uploadId: string | StepRef,
  partList: PartListRef,
  validity: { readonly expiresInSeconds: number; readonly minValidSeconds: number },
): Step {
  return {
    id: FILE_GRANTS_STEP,
    reason: `Grant the host exactly one upload per part, each signed with the part's SHA-256, valid ${validity.expiresInSeconds} s: S3 refuses bytes that do not match.`,
    action: 's3:PutObject',
    region: context.bucketRegion,
    input: {
      Operation: 'PutUploadGrants',
      Bucket: context.bucket,
      ExpectedBucketOwner: context.expectedOwner,
      ImageKey: imageKey,
      UploadId: uploadId,
      ExpiresInSeconds: validity.expiresInSeconds,
      MinValidSeconds: validity.minValidSeconds,
      ...partList,
    },
  };
}

/** What the upload step records and its runner needs to sign the grants' URL. */
export interface MemoryUploadInput {
  readonly bucket: string;
  readonly bucketRegion: string;
  readonly expectedOwner: string;
  /** The grants' key, as the step that filed them answered. */
  readonly grantsKey: string | StepRef;
  readonly scratchVolumeId: string;
  readonly scratchDevice: string;
  readonly partMiB: number;
  readonly urlExpirySeconds: number;
  readonly executionTimeoutSeconds: number;
}

/** Sends the upload script (phase two) to the host. */
export function sendUpload(context: FinishContext, upload: MemoryUploadInput): Step {
  return {
    id: 'send-memory-upload',
    reason:
      'Upload every part from the scratch volume through its grant; the host holds no AWS credentials.',
    action: 'ssm:SendCommand',
    region: context.region,
    input: {
      InstanceIds: [context.instanceId],
      DocumentName: 'AWS-RunShellScript',
      Comment: memoryUploadComment(context.caseId),
      TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
      MemoryUpload: { ...upload },
    },
  };
}

/** Waits for the upload (when one is running) and completes it from the parts S3 verified. */
export function completeUpload(
  context: FinishContext,
  imageKey: string,
  uploadId: string | StepRef,
  partList: PartListRef,
  wait: { readonly commandId: string | StepRef; readonly seconds: number } | undefined,
): Step {
  return {
    id: 'complete-memory-upload',
    reason:
      'The responder, not the host, completes the upload, from the checksums S3 verified on each part; the record keeps the VersionId and the checksum S3 computed.',
    action: 's3:PutObject',
    region: context.bucketRegion,
    input: {
      Operation: 'CompleteMultipartUpload',
      Bucket: context.bucket,
      Key: imageKey,
      ExpectedBucketOwner: context.expectedOwner,
      UploadId: uploadId,
      InstanceId: context.instanceId,
      InstanceRegion: context.region,
      ...(wait ? { CommandId: wait.commandId, WaitSeconds: wait.seconds } : {}),
      ...partList,
    },
  };
}

/** Takes the capture group off one interface: it reaches every S3 bucket of the region. */
export function detachCaptureGroup(
  context: FinishContext,
  networkInterfaceId: string,
  groupIds: readonly string[],
): Step {
  return {
    id: `detach-memory-capture-group-${networkInterfaceId}`,
    reason:
      'The capture group allows HTTPS to the S3 prefix list, i.e. to any bucket in the region: it goes when the capture ends.',
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [...groupIds] },
  };
}

/** Detaches the scratch volume from the suspect instance. */
export function detachScratch(context: FinishContext, volumeId: string): Step {
  return {
    id: 'detach-memory-scratch-volume',
    reason: 'The capture is over: the scratch volume leaves the suspect instance.',
    action: 'ec2:DetachVolume',
    region: context.region,
    input: { VolumeId: volumeId, InstanceId: context.instanceId },
    alreadyDoneOn: ['IncorrectState'],
  };
}

/** Deletes the scratch volume once the image is sealed in the bucket. */
export function deleteScratch(context: FinishContext, volumeId: string): Step {
  return {
    id: 'delete-memory-scratch-volume',
    reason: 'The image is sealed in the bucket; its working copy on the scratch volume goes.',
    action: 'ec2:DeleteVolume',
    region: context.region,
    input: { VolumeId: volumeId },
    alreadyDoneOn: ['InvalidVolume.NotFound'],
  };
}
