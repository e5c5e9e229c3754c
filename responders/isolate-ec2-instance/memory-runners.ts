import {
  AttachVolumeCommand,
  CreateVolumeCommand,
  EC2Client,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
} from '@aws-sdk/client-ec2';
import { SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import { answered } from '../core/runners';
import type { StepInput, StepRunner, StepRunners } from '../core/step';
import { partListKey, type MemoryCaptureInput } from './memory';
import { presignedUrl } from './memory-presign';
import { memoryCaptureCommands } from './memory-capture';

/** How long a new volume may take to become available, and an attachment to complete. */
const VOLUME_WAIT_SECONDS = 600;

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
      expectedOwner: capture.expectedOwner,
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
