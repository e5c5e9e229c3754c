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
import { hasAwsErrorName } from '../../lib/aws/errors';
import { uploadGrantsKey } from '../isolate-ec2-instance/memory';
import { presignedUrl } from '../isolate-ec2-instance/memory-presign';
import { memoryUploadCommands } from '../isolate-ec2-instance/memory-capture';
import {
  completeImageUpload,
  createImageUpload,
  fileUploadGrants,
  grantsProblem,
  parsePartList,
  readUploadGrants,
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
      ExpectedBucketOwner: input.ExpectedBucketOwner as string,
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
  const expectedOwner = input.ExpectedBucketOwner as string;
  switch (input.Operation) {
    case 'CreateMultipartUpload': {
      const created = await createImageUpload(aws, region, {
        bucket,
        key: input.Key as string,
        expectedOwner,
      });
      return {
        ...(created.requestId ? { requestId: created.requestId } : {}),
        output: { UploadId: created.uploadId },
      };
    }
    case 'PutUploadGrants':
      return putUploadGrants(aws, region, input);
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
        { bucket, key: input.Key as string, uploadId: input.UploadId as string, expectedOwner },
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

/**
 * Signs and files the grants of one upload under its own key. The key is written once: when an
 * earlier run filed it (killed before the upload was sent), S3 answers 412, and the grants
 * filed are reused only if they grant exactly this upload's parts and stay valid long enough.
 */
const putUploadGrants: StepRunner = async (aws, region, input) => {
  const partSha256 = await readPartList(aws, region, input.Bucket as string, input);
  const target = {
    bucket: input.Bucket as string,
    key: input.ImageKey as string,
    uploadId: input.UploadId as string,
    expectedOwner: input.ExpectedBucketOwner as string,
  };
  const location = { ...target, key: uploadGrantsKey(target.key, target.uploadId) };
  const now = new Date();
  const grants = await signUploadGrants(
    aws,
    region,
    target,
    partSha256,
    input.ExpiresInSeconds as number,
    now,
  );
  const output = { Key: location.key, Parts: partSha256.length };
  try {
    const filed = await fileUploadGrants(aws, region, location, grants);
    return {
      ...(filed.requestId ? { requestId: filed.requestId } : {}),
      output: { ...output, ...(filed.versionId ? { VersionId: filed.versionId } : {}) },
    };
  } catch (error) {
    if (!hasAwsErrorName(error, ['PreconditionFailed'])) throw error;
  }
  const filed = await readUploadGrants(aws, region, location);
  const problem = grantsProblem(filed.text, grants, {
    notBefore: new Date(now.getTime() + (input.MinValidSeconds as number) * 1000),
  });
  if (problem)
    throw new Error(
      `the upload grants s3://${location.bucket}/${location.key} were filed before and ${problem}; grants are written once, so abort upload ${target.uploadId} (aws s3api abort-multipart-upload --bucket ${target.bucket} --key ${target.key} --upload-id ${target.uploadId} --expected-bucket-owner ${target.expectedOwner}) and run this command again: it opens a new upload with grants of its own`,
    );
  return {
    output: { ...output, ...(filed.versionId ? { VersionId: filed.versionId } : {}), Reused: true },
  };
};

/** Sends the upload script; the grants' URL is signed here and never enters the record. */
const sendUploadScript: StepRunner = async (aws, region, input) => {
  const upload = input.MemoryUpload as MemoryUploadInput;
  const grantsUrl = await presignedUrl(aws, upload.bucketRegion, {
    method: 'GET',
    bucket: upload.bucket,
    key: upload.grantsKey as string,
    expectedOwner: upload.expectedOwner,
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
