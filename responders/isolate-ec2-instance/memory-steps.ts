/*
 * The memory capture's step factories: pure, steps as data; their runners are in
 * memory-runners.ts.
 */
import type { Step, StepRef } from '../core/step';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { MemoryCaptureInput } from './memory';
import type { StepContext } from './steps';

/**
 * Tag naming the case a scratch volume was made for. Not `pyjamas:case-id`: the scratch volume
 * is no evidence, and the isolation would otherwise tag and snapshot it with the suspect's disks.
 */
export const MEMORY_SCRATCH_TAG = 'pyjamas:memory-scratch-for';

/** How long Run Command may take to deliver the script to the agent. */
const DELIVERY_TIMEOUT_SECONDS = 600;

/** The Run Command comment that marks a case's capture, so that a rerun does not capture twice. */
export function memoryCaptureComment(caseId: string): string {
  return `pyjamas memory capture for case ${caseId}`;
}

/** Creates the scratch volume the image is written to, in the instance's availability zone. */
export function createScratchVolume(
  context: StepContext,
  volume: { readonly availabilityZone: string; readonly sizeGiB: number },
): Step {
  return {
    id: 'create-memory-scratch-volume',
    reason: `AVML writes its image to a file; on the suspect's own disks it would overwrite unallocated blocks, so it gets a blank ${volume.sizeGiB} GiB volume of its own, deleted once the image is in the bucket.`,
    action: 'ec2:CreateVolume',
    region: context.region,
    input: {
      AvailabilityZone: volume.availabilityZone,
      Size: volume.sizeGiB,
      VolumeType: 'gp3',
      Encrypted: true,
      TagSpecifications: [
        {
          ResourceType: 'volume',
          Tags: [
            { Key: MEMORY_SCRATCH_TAG, Value: context.caseId },
            { Key: RESPONSE_TAGS.sourceInstance, Value: context.instanceId },
          ],
        },
      ],
    },
    onFailure: 'continue',
  };
}

/** Attaches the scratch volume to the suspect instance for the capture. */
export function attachScratchVolume(
  context: StepContext,
  volumeId: string | StepRef,
  device: string,
): Step {
  return {
    id: 'attach-memory-scratch-volume',
    reason: `Give the capture its scratch volume as ${device}; it is detached and deleted when the capture is finished.`,
    action: 'ec2:AttachVolume',
    region: context.region,
    input: { VolumeId: volumeId, InstanceId: context.instanceId, Device: device },
    alreadyDoneOn: ['VolumeInUse'],
    onFailure: 'continue',
  };
}

/** Starts the memory capture (Run Command); the capture itself runs on the host for minutes. */
export function startMemoryCapture(context: StepContext, capture: MemoryCaptureInput): Step {
  return {
    id: 'start-memory-capture',
    reason:
      'Capture memory with AVML onto the scratch volume through Run Command and report the SHA-256 of every part; `pyjamas forensics finish-memory-capture` uploads and seals it.',
    action: 'ssm:SendCommand',
    region: context.region,
    input: {
      InstanceIds: [context.instanceId],
      DocumentName: 'AWS-RunShellScript',
      Comment: memoryCaptureComment(context.caseId),
      TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
      MemoryCapture: { ...capture },
    },
    onFailure: 'continue',
  };
}
