import {
  DeleteVolumeCommand,
  DetachVolumeCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
  waitUntilVolumeAvailable,
} from '@aws-sdk/client-ec2';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import type { AwsClients } from '../../lib/aws/clients';
import { answered, sdkRunner } from '../core/runners';
import type { StepInput, StepRunner, StepRunners } from '../core/step';
import { presignedUrl } from '../isolate-ec2-instance/memory-presign';
import { memoryUploadCommands } from '../isolate-ec2-instance/memory-capture';
import {
  completeImageUpload,
  createImageUpload,
  fileUploadGrants,
  parsePartList,
  signUploadGrants,
  waitForInvocation,
} from './memory-upload';
import type { MemoryUploadInput } from './steps';

/** How long DetachVolume may take. */
const VOLUME_WAIT_SECONDS = 600;
/** How often the completion polls the upload's invocation. */
const POLL_SECONDS = 15;

/** Reads the pinned part list again and checks its form. */
async function readPartList(
  aws: AwsClients,
  region: string,
  bucket: string,
  input: StepInput,
): Promise<string[]> {
  const answer = await aws.get(S3Client, region).send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: input.PartListKey as string,
      ...(input.PartListVersionId ? { VersionId: input.PartListVersionId as string } : {}),
    }),
  );
  return parsePartList(await (answer.Body?.transformToString() ?? ''), input.MaxParts as number);
}

/**
 * The three S3 writes of the plan share the IAM action `s3:PutObject`; the step's `Operation`
 * says which call it is.
 */
const s3Write: StepRunner = async (aws, region, input) => {
  const bucket = input.Bucket as string;
  switch (input.Operation) {
    case 'CreateMultipartUpload': {
      const created = await createImageUpload(aws, region, { bucket, key: input.Key as string });
      return {
        ...(created.requestId ? { requestId: created.requestId } : {}),
        output: { UploadId: created.uploadId },
      };
    }
    case 'PutUploadGrants': {
      const partSha256 = await readPartList(aws, region, bucket, input);
      const target = {
        bucket,
        key: input.ImageKey as string,
        uploadId: input.UploadId as string,
      };
      const grants = await signUploadGrants(
        aws,
        region,
        target,
        partSha256,
        input.ExpiresInSeconds as number,
        new Date(),
      );
      const filed = await fileUploadGrants(
        aws,
        region,
        { bucket, key: input.Key as string },
        grants,
      );
      return {
        ...(filed.requestId ? { requestId: filed.requestId } : {}),
        output: {
          Parts: partSha256.length,
          ...(filed.versionId ? { VersionId: filed.versionId } : {}),
        },
      };
    }
    case 'CompleteMultipartUpload': {
      if (input.CommandId)
        await waitForInvocation(
          aws,
          input.InstanceRegion as string,
          { commandId: input.CommandId as string, instanceId: input.InstanceId as string },
          { timeoutSeconds: input.WaitSeconds as number, pollSeconds: POLL_SECONDS },
        );
      const partSha256 = await readPartList(aws, region, bucket, input);
      const sealed = await completeImageUpload(
        aws,
        region,
        { bucket, key: input.Key as string, uploadId: input.UploadId as string },
        partSha256,
      );
      return {
        ...(sealed.requestId ? { requestId: sealed.requestId } : {}),
        output: {
          Parts: sealed.parts,
          ...(sealed.versionId ? { VersionId: sealed.versionId } : {}),
          ...(sealed.checksumSha256 ? { ChecksumSHA256: sealed.checksumSha256 } : {}),
        },
      };
    }
    default:
      throw new Error(`unknown S3 write ${String(input.Operation)}`);
  }
};

/** Sends the upload script; the grants' URL is signed here and never enters the record. */
const sendUploadScript: StepRunner = async (aws, region, input) => {
  const upload = input.MemoryUpload as MemoryUploadInput;
  const grantsUrl = await presignedUrl(aws, upload.bucketRegion, {
    method: 'GET',
    bucket: upload.bucket,
    key: upload.grantsKey,
    expiresIn: upload.urlExpirySeconds,
  });
  const answer = await aws.get(SSMClient, region).send(
    new SendCommandCommand({
      InstanceIds: input.InstanceIds as string[],
      DocumentName: input.DocumentName as string,
      Comment: input.Comment as string,
      TimeoutSeconds: input.TimeoutSeconds as number,
      Parameters: {
        executionTimeout: [String(upload.executionTimeoutSeconds)],
        commands: memoryUploadCommands({
          grantsUrl,
          volumeId: upload.scratchVolumeId,
          device: upload.scratchDevice,
          partMiB: upload.partMiB,
        }),
      },
    }),
  );
  return { ...answered(answer), output: { CommandId: answer.Command?.CommandId } };
};

/** Runners of the finishing plan. */
export const FINISH_RUNNERS: StepRunners = {
  's3:PutObject': s3Write,
  'ssm:SendCommand': sendUploadScript,
  'ec2:ModifyNetworkInterfaceAttribute': sdkRunner(
    EC2Client,
    ModifyNetworkInterfaceAttributeCommand,
  ),
  'ec2:DetachVolume': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new DetachVolumeCommand(input as never));
    await waitUntilVolumeAvailable(
      { client: ec2, maxWaitTime: VOLUME_WAIT_SECONDS },
      { VolumeIds: [input.VolumeId as string] },
    );
    return answered(answer);
  },
  'ec2:DeleteVolume': sdkRunner(EC2Client, DeleteVolumeCommand),
};
