import { UsageError } from '../../lib/errors';
import type { Plan, Step, StepRef } from '../core/step';
import { partListKey } from '../isolate-ec2-instance/memory';
import type { MemoryFinishDescription } from './description';
import {
  completeUpload,
  createUpload,
  deleteScratch,
  detachCaptureGroup,
  detachScratch,
  FILE_GRANTS_STEP,
  fileGrants,
  sendUpload,
  type FinishContext,
  type PartListRef,
} from './steps';

/** Name of this responder in plans and records. */
export const FINISH_RESPONDER = 'finish-memory-capture';

/** Run Command statuses of an invocation that has not ended yet. */
const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/** What the operator chose. */
export interface FinishOptions {
  /** How long the upload may run on the host; its grants expire with it. */
  readonly uploadTimeoutSeconds: number;
}

/** Seconds Run Command may take to deliver a script; grants outlive the upload by no more. */
const DELIVERY_SECONDS = 600;

/**
 * Finishes a memory capture the isolation started: once the capture has ended, uploads the
 * image from the scratch volume in parts S3 verifies, completes the upload from those parts,
 * then takes the capture group off the instance and removes the scratch volume. Every step is
 * planned from what the description shows done, so a rerun resumes. Pure.
 *
 * @throws UsageError when no capture was started, or the bucket is not in the instance's region
 */
export function planFinishCapture(
  description: MemoryFinishDescription,
  options: FinishOptions,
): Plan {
  const context: FinishContext = {
    region: description.region,
    caseId: description.caseId,
    instanceId: description.instanceId,
    bucket: description.bucket,
    bucketRegion: description.bucketRegion,
    expectedOwner: description.expectedOwner,
  };
  if (description.bucketRegion !== description.region)
    throw new UsageError(
      `the evidence bucket is in ${description.bucketRegion}, the instance in ${description.region}: the capture group reaches only the S3 endpoints of ${description.region}; name the bucket of ${description.region} the capture used`,
    );
  const capture = description.capture;
  if (!capture)
    throw new UsageError(
      `no record of case ${description.caseId} names a memory capture on ${description.instanceId} (a command with the capture's comment is no proof)${description.recordProblems?.length ? ` — ${description.recordProblems.join('; ')}` : ''}: run pyjamas isolate-instance ${description.instanceId} --case ${description.caseId} --capture-memory`,
    );
  const notes: string[] = (description.recordProblems ?? []).map(
    (problem) => `The case's records: ${problem}.`,
  );
  const plan = (steps: Step[]): Plan => ({
    responder: FINISH_RESPONDER,
    caseId: description.caseId,
    target: {
      type: 'AwsEc2Instance',
      id: description.instanceId,
      arn: `arn:aws:ec2:${description.region}:${description.account}:instance/${description.instanceId}`,
      region: description.region,
      account: description.account,
    },
    steps,
    notes,
  });
  if (RUNNING.has(capture.status)) {
    notes.push(
      `The capture ${capture.commandId} is ${capture.status}: run this command again once it has ended.`,
    );
    return plan([]);
  }

  const steps: Step[] = [];
  let sealing = !!description.sealed;
  if (description.sealed) {
    notes.push(
      `The image ${description.imageKey ?? ''} is sealed (version ${description.sealed.versionId ?? 'unknown'}, S3 checksum ${description.sealed.checksumSha256 ?? 'unknown'}).`,
    );
  } else if (capture.status !== 'Success') {
    notes.push(
      `The capture ${capture.commandId} ended ${capture.status}: nothing is uploaded; the scratch volume is detached and kept for inspection.`,
    );
  } else if (!description.imageKey || description.partListProblem) {
    notes.push(
      `The capture ended without a usable part list (${description.partListProblem ?? 'none was filed'}): nothing is uploaded; the scratch volume is detached and kept for inspection.`,
    );
  } else if (!description.openUploadId && !description.scratch?.device) {
    notes.push(
      'The scratch volume is no longer attached to the instance: the image cannot be uploaded from it.',
    );
  } else {
    const upload = planUpload(description, options, context, description.imageKey, notes);
    sealing = upload.length > 0;
    steps.push(...upload);
  }
  steps.push(...planCleanup(description, context, sealing, notes));
  notes.push(
    `Next, once the image is sealed: pyjamas isolate-instance ${description.instanceId} --case ${description.caseId} --stop stops the instance, the real hard cut (security groups leave it the VPC DNS resolver, instance metadata and time sync); its RAM and any instance-store volume are lost.`,
  );
  return plan(steps);
}

function planUpload(
  description: MemoryFinishDescription,
  options: FinishOptions,
  context: FinishContext,
  imageKey: string,
  notes: string[],
): Step[] {
  const partList: PartListRef = {
    PartListKey: partListKey(imageKey),
    ...(description.partListVersionId ? { PartListVersionId: description.partListVersionId } : {}),
    MaxParts: description.maxParts,
  };
  const upload = description.upload;
  const scratch = description.scratch;
  const steps: Step[] = [];
  const waitSeconds = options.uploadTimeoutSeconds + DELIVERY_SECONDS;
  if (upload && RUNNING.has(upload.status) && description.openUploadId) {
    notes.push(`The upload ${upload.commandId} is ${upload.status}: waiting for it to end.`);
    steps.push(
      completeUpload(context, imageKey, description.openUploadId, partList, {
        commandId: upload.commandId,
        seconds: waitSeconds,
      }),
    );
    return steps;
  }
  if (upload?.status === 'Success' && description.openUploadId) {
    steps.push(completeUpload(context, imageKey, description.openUploadId, partList, undefined));
    return steps;
  }
  if (!scratch?.attachedTo || !scratch.device) return steps;
  let uploadId: string | StepRef;
  if (description.openUploadId) {
    uploadId = description.openUploadId;
  } else {
    const create = createUpload(context, imageKey);
    steps.push(create);
    uploadId = { $fromStep: create.id, path: 'UploadId' };
  }
  const grantsFor = options.uploadTimeoutSeconds + DELIVERY_SECONDS;
  steps.push(
    fileGrants(context, imageKey, uploadId, partList, {
      expiresInSeconds: grantsFor,
      minValidSeconds: options.uploadTimeoutSeconds,
    }),
  );
  const send = sendUpload(context, {
    bucket: description.bucket,
    bucketRegion: description.bucketRegion,
    expectedOwner: description.expectedOwner,
    grantsKey: { $fromStep: FILE_GRANTS_STEP, path: 'Key' },
    scratchVolumeId: scratch.volumeId,
    scratchDevice: scratch.device,
    partMiB: description.partMiB,
    urlExpirySeconds: grantsFor,
    executionTimeoutSeconds: options.uploadTimeoutSeconds,
  });
  steps.push(send);
  steps.push(
    completeUpload(context, imageKey, uploadId, partList, {
      commandId: { $fromStep: send.id, path: 'CommandId' },
      seconds: waitSeconds,
    }),
  );
  notes.push(
    `The image goes up in ${description.reportedParts ?? 'the reported'} parts of ${description.partMiB} MiB; this command waits for the upload (up to ${waitSeconds} s) and completes it.`,
  );
  return steps;
}

/** The capture group leaves every interface, and the scratch volume leaves the instance (and, once sealed, the account). */
function planCleanup(
  description: MemoryFinishDescription,
  context: FinishContext,
  sealing: boolean,
  notes: string[],
): Step[] {
  const steps: Step[] = [];
  const capture = new Set(description.captureGroupIds);
  for (const eni of description.interfaces) {
    if (!eni.groupIds.some((id) => capture.has(id))) continue;
    const kept = eni.groupIds.filter((id) => !capture.has(id));
    if (kept.length === 0) {
      notes.push(
        `${eni.networkInterfaceId} holds only the capture group; it keeps it until it is isolated again (pyjamas isolate-instance).`,
      );
      continue;
    }
    steps.push(detachCaptureGroup(context, eni.networkInterfaceId, kept));
  }
  const scratch = description.scratch;
  if (scratch) {
    if (scratch.attachedTo) steps.push(detachScratch(context, scratch.volumeId));
    if (sealing) steps.push(deleteScratch(context, scratch.volumeId));
  }
  return steps;
}
