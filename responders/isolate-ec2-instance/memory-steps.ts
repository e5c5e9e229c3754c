import {
  AttachVolumeCommand,
  CreateVolumeCommand,
  EC2Client,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
} from '@aws-sdk/client-ec2';
import { SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import { answered } from '../core/runners';
import type { Step, StepInput, StepRef, StepRunner, StepRunners } from '../core/step';
import { partListKey, presignedUrl, type MemoryCaptureInput } from './memory';
import { memoryCaptureCommands } from './memory-capture';
import type { StepContext } from './steps';

/**
 * Tag naming the case a scratch volume was made for. Not `pyjamas:case-id`: the scratch volume
 * is no evidence, and the isolation would otherwise tag and snapshot it with the suspect's disks.
 */
export const MEMORY_SCRATCH_TAG = 'pyjamas:memory-scratch-for';

/** How long a new volume may take to become available, and an attachment to complete. */
const VOLUME_WAIT_SECONDS = 600;
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
            { Key: 'pyjamas:source-instance', Value: context.instanceId },
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

/**
 * Sends the capture script. The presigned URLs (download of the tool, upload of the part list)
 * are signed here, at send time, expire with the capture and never enter the recorded input.
 */
const sendMemoryCapture: StepRunner = async (aws, region, input: StepInput) => {
  const capture = input.MemoryCapture as MemoryCaptureInput;
  const sign = (method: 'GET' | 'PUT', key: string) =>
    presignedUrl(aws, capture.bucketRegion, {
      method,
      bucket: capture.bucket,
      key,
      expiresIn: capture.urlExpirySeconds,
    });
  const [toolUrl, partListUrl] = await Promise.all([
    sign('GET', capture.toolKey),
    sign('PUT', partListKey(capture.imageKey)),
  ]);
  const answer = await aws.get(SSMClient, region).send(
    new SendCommandCommand({
      InstanceIds: input.InstanceIds as string[],
      DocumentName: input.DocumentName as string,
      Comment: input.Comment as string,
      TimeoutSeconds: input.TimeoutSeconds as number,
      Parameters: {
        executionTimeout: [String(capture.executionTimeoutSeconds)],
        commands: memoryCaptureCommands({
          toolUrl,
          toolSha256: capture.toolSha256,
          partListUrl,
          volumeId: capture.scratchVolumeId as string,
          device: capture.scratchDevice,
          partMiB: capture.partMiB,
          maxParts: capture.maxParts,
        }),
      },
    }),
  );
  return { ...answered(answer), output: { CommandId: answer.Command?.CommandId } };
};

/**
 * Runners of the capture's actions. CreateVolume answers once the volume is available and
 * AttachVolume once it is attached, so the script finds the device (moto makes both at once).
 */
export const MEMORY_CAPTURE_RUNNERS: StepRunners = {
  'ec2:CreateVolume': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new CreateVolumeCommand(input as never));
    await waitUntilVolumeAvailable(
      { client: ec2, maxWaitTime: VOLUME_WAIT_SECONDS },
      { VolumeIds: [answer.VolumeId as string] },
    );
    return { ...answered(answer), output: { VolumeId: answer.VolumeId } };
  },
  'ec2:AttachVolume': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new AttachVolumeCommand(input as never));
    await waitUntilVolumeInUse(
      { client: ec2, maxWaitTime: VOLUME_WAIT_SECONDS },
      { VolumeIds: [input.VolumeId as string] },
    );
    return answered(answer);
  },
  'ssm:SendCommand': sendMemoryCapture,
};
