import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListCommandsCommand, SSMClient, type Command } from '@aws-sdk/client-ssm';
import { allSettledOrFirstError } from '../../lib/concurrency';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { UsageError } from '../../lib/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import type { EvidenceStore, S3EvidenceStore } from '../core/evidence';
import { NO_RECORDS, readInstanceRecords } from '../isolate-ec2-instance/case-records';
import type { MemoryScratchVolume } from '../isolate-ec2-instance/description';
import { partListKey } from '../isolate-ec2-instance/memory';
import { planCaptureParts } from '../isolate-ec2-instance/memory-parts';
import { RESPONDER as ISOLATION_RESPONDER } from '../isolate-ec2-instance/plan';
import { readMemorySize } from '../isolate-ec2-instance/read';
import type { MemoryFinishDescription, RunCommandState, SealedImageState } from './description';
import { parsePartList } from './memory-upload';
import { FINISH_RESPONDER } from './plan';

/** What to read. */
export interface FinishRequest {
  readonly region: string;
  readonly caseId: string;
  readonly instanceId: string;
  /**
   * The evidence bucket the image goes to. Its name, region, owner (sent as ExpectedBucketOwner on
   * every call) and key mapping (`cases/<account>/<case>/…` for a member account in the central
   * bucket) are the store's own, so the memory keys are where the case's other evidence is.
   */
  readonly evidence: S3EvidenceStore;
  /**
   * Where the case's records are (the evidence bucket, the local case folder). The capture and
   * upload commands and the scratch volume are only those the records name: anyone with
   * ssm:SendCommand can send a command with the capture's comment, and anyone with
   * ec2:CreateTags can tag a suspect disk as scratch, which this command would then delete.
   *
   * @default - none: no capture is found
   */
  readonly records?: readonly EvidenceStore[];
}

/** Suffix of the part list's key after the image's key. */
const PART_LIST_SUFFIX = partListKey('');

/**
 * Reads the instance, its capture and upload commands and the scratch volume the case's records
 * name (by id, never by tag or comment), the part list the capture filed, the image's upload or
 * sealed object, and the capture groups.
 *
 * @throws UsageError when the instance does not exist in the region
 */
export async function describeFinish(
  aws: AwsClients,
  request: FinishRequest,
): Promise<MemoryFinishDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const { evidence } = request;
  const bucket = {
    s3: aws.get(S3Client, evidence.region),
    name: evidence.bucket,
    owner: evidence.expectedOwner,
  };
  const prefix = evidence.objectKey(`cases/${request.caseId}/memory/${request.instanceId}/`);
  const records = request.records
    ? await readInstanceRecords(
        request.records,
        request.caseId,
        [ISOLATION_RESPONDER, FINISH_RESPONDER],
        request.instanceId,
      )
    : NO_RECORDS;
  const ssm = aws.get(SSMClient, request.region);
  const [reservations, captures, uploads, listed, scratch, groups] = await allSettledOrFirstError([
    ec2
      .send(new DescribeInstancesCommand({ InstanceIds: [request.instanceId] }))
      .catch((error: unknown) => {
        if (awsErrorName(error).startsWith('InvalidInstanceID'))
          throw new UsageError(
            `instance ${request.instanceId} does not exist in ${request.region}`,
            {
              cause: error,
            },
          );
        throw error;
      }),
    readCommands(ssm, records.captureCommandIds),
    readCommands(ssm, records.uploadCommandIds ?? []),
    bucket.s3.send(
      new ListObjectsV2Command({
        Bucket: bucket.name,
        Prefix: prefix,
        ExpectedBucketOwner: bucket.owner,
      }),
    ),
    readScratchVolumes(ec2, records.scratchVolumeIds),
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          {
            Name: `tag:${PLUMBING_TAG_KEY}`,
            Values: [PLUMBING_COMPONENTS.memoryCaptureSecurityGroup],
          },
        ],
      }),
    ),
  ]);
  const reservation = reservations.Reservations?.[0];
  const instance = reservation?.Instances?.[0];
  if (!instance)
    throw new UsageError(`instance ${request.instanceId} does not exist in ${request.region}`);
  const memoryMiB = instance.InstanceType
    ? await readMemorySize(ec2, instance.InstanceType)
    : undefined;
  const parts = planCaptureParts(memoryMiB, instance.InstanceType ?? 'unknown');

  const listKey = (listed.Contents ?? [])
    .map((object) => object.Key ?? '')
    .filter((key) => key.endsWith(PART_LIST_SUFFIX))
    .sort()
    .pop();
  const imageKey = listKey?.slice(0, -PART_LIST_SUFFIX.length);
  const [partList, sealed, openUploadId] = imageKey
    ? await allSettledOrFirstError([
        readPartList(bucket, listKey as string, parts.maxParts),
        readSealed(bucket, imageKey),
        latestOpenUpload(
          bucket,
          imageKey,
          (records.memoryUploads ?? []).filter((upload) => upload.key === imageKey),
        ),
      ])
    : [undefined, undefined, undefined];
  const vpcIds = new Set(
    (instance.NetworkInterfaces ?? []).map((eni) => eni.VpcId ?? instance.VpcId),
  );
  const capture = latest(captures, request.instanceId);
  const upload = latest(uploads, request.instanceId);
  // The latest one the records name that still exists.
  const scratchVolume = scratch.at(-1);
  return {
    caseId: request.caseId,
    region: request.region,
    account: reservation?.OwnerId ?? 'unknown',
    instanceId: request.instanceId,
    bucket: evidence.bucket,
    bucketRegion: evidence.region,
    expectedOwner: evidence.expectedOwner,
    partMiB: parts.partMiB,
    maxParts: parts.maxParts,
    ...(capture ? { capture } : {}),
    ...(upload ? { upload } : {}),
    ...(imageKey ? { imageKey } : {}),
    ...(partList?.versionId ? { partListVersionId: partList.versionId } : {}),
    ...(partList?.count !== undefined ? { reportedParts: partList.count } : {}),
    ...(partList?.problem ? { partListProblem: partList.problem } : {}),
    ...(openUploadId ? { openUploadId } : {}),
    ...(sealed ? { sealed } : {}),
    ...(scratchVolume ? { scratch: scratchVolume } : {}),
    ...(records.problems.length > 0 ? { recordProblems: records.problems } : {}),
    captureGroupIds: (groups.SecurityGroups ?? [])
      .filter((group) => vpcIds.has(group.VpcId))
      .map((group) => group.GroupId ?? ''),
    interfaces: (instance.NetworkInterfaces ?? []).map((eni) => ({
      networkInterfaceId: eni.NetworkInterfaceId ?? '',
      groupIds: (eni.Groups ?? []).map((group) => group.GroupId ?? ''),
    })),
  };
}

/**
 * The newest upload of the image the case's records started that S3 still has open. Asked by id
 * with ListParts, authorized on the image's own key, rather than by ListMultipartUploads, whose
 * `s3:ListBucketMultipartUploads` takes no `s3:prefix` condition: in an organization's central
 * bucket it would show a member every other account's uploads. An upload started by a run killed
 * before it filed its record is not on record; the rerun starts another, and the bucket's
 * lifecycle rule aborts the forgotten one after seven days.
 */
async function latestOpenUpload(
  bucket: { s3: S3Client; name: string; owner: string | undefined },
  imageKey: string,
  recorded: readonly { readonly uploadId: string }[],
): Promise<string | undefined> {
  for (const { uploadId } of [...recorded].reverse()) {
    const open = await bucket.s3
      .send(
        new ListPartsCommand({
          Bucket: bucket.name,
          Key: imageKey,
          UploadId: uploadId,
          MaxParts: 1,
          ExpectedBucketOwner: bucket.owner,
        }),
      )
      .then(
        () => true,
        (error: unknown) => {
          if (awsErrorName(error) === 'NoSuchUpload') return false;
          throw error;
        },
      );
    if (open) return uploadId;
  }
  return undefined;
}

/** Each command by id (one that Run Command no longer keeps is simply missing). */
async function readCommands(ssm: SSMClient, commandIds: readonly string[]): Promise<Command[]> {
  const answers = await allSettledOrFirstError(
    commandIds.map((CommandId) =>
      ssm.send(new ListCommandsCommand({ CommandId })).catch((error: unknown) => {
        if (awsErrorName(error) === 'InvalidCommandId') return { Commands: [] };
        throw error;
      }),
    ),
  );
  return answers.flatMap((answer) => answer.Commands ?? []);
}

/** The scratch volumes the records name, as EC2 shows them now, in the records' order. */
async function readScratchVolumes(
  ec2: EC2Client,
  volumeIds: readonly string[],
): Promise<MemoryScratchVolume[]> {
  if (volumeIds.length === 0) return [];
  const answer = await ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [...volumeIds] }] }),
  );
  return (answer.Volumes ?? [])
    .filter(
      (volume) => volume.VolumeId && volume.State !== 'deleting' && volume.State !== 'deleted',
    )
    .sort((a, b) => volumeIds.indexOf(a.VolumeId ?? '') - volumeIds.indexOf(b.VolumeId ?? ''))
    .map((volume) => {
      const attachment = volume.Attachments?.find((candidate) => candidate.State !== 'detached');
      return {
        volumeId: volume.VolumeId as string,
        state: volume.State ?? 'unknown',
        ...(attachment?.InstanceId ? { attachedTo: attachment.InstanceId } : {}),
        ...(attachment?.Device ? { device: attachment.Device } : {}),
      };
    });
}

/** The latest of the commands sent to this instance. */
function latest(commands: readonly Command[], instanceId: string): RunCommandState | undefined {
  const found = commands
    .filter((command) => command.CommandId && (command.InstanceIds ?? []).includes(instanceId))
    .sort(
      (a, b) => (b.RequestedDateTime?.getTime() ?? 0) - (a.RequestedDateTime?.getTime() ?? 0),
    )[0];
  return found
    ? { commandId: found.CommandId as string, status: found.Status ?? 'Pending' }
    : undefined;
}

/** The evidence bucket's client, name and owner. */
interface Bucket {
  readonly s3: S3Client;
  readonly name: string;
  readonly owner: string;
}

async function readPartList(
  bucket: Bucket,
  key: string,
  maxParts: number,
): Promise<{ versionId?: string; count?: number; problem?: string }> {
  const answer = await bucket.s3.send(
    new GetObjectCommand({ Bucket: bucket.name, Key: key, ExpectedBucketOwner: bucket.owner }),
  );
  const versionId = answer.VersionId ? { versionId: answer.VersionId } : {};
  try {
    const parts = parsePartList(await (answer.Body?.transformToString() ?? ''), maxParts);
    return { ...versionId, count: parts.length };
  } catch (error) {
    return { ...versionId, problem: error instanceof Error ? error.message : String(error) };
  }
}

async function readSealed(bucket: Bucket, key: string): Promise<SealedImageState | undefined> {
  try {
    const head = await bucket.s3.send(
      new HeadObjectCommand({
        Bucket: bucket.name,
        Key: key,
        ChecksumMode: 'ENABLED',
        ExpectedBucketOwner: bucket.owner,
      }),
    );
    return {
      ...(head.VersionId ? { versionId: head.VersionId } : {}),
      ...(head.ChecksumSHA256 ? { checksumSha256: head.ChecksumSHA256 } : {}),
    };
  } catch (error) {
    if (['NotFound', 'NoSuchKey'].includes(awsErrorName(error))) return undefined;
    throw error;
  }
}
