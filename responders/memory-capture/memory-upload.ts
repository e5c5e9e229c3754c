import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  ListPartsCommand,
  type Part,
} from '@aws-sdk/client-s3';
import { GetCommandInvocationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { presignedUrl } from '../isolate-ec2-instance/memory-presign';

/** A base64 SHA-256 as S3 writes it (`x-amz-checksum-sha256`): 32 bytes, 44 characters. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Parses the part list the host uploaded (one base64 SHA-256 per line, in part order). The host
 * is the suspect: the list is checked for form and size, and S3 later refuses any part whose
 * bytes do not match the checksum its grant was signed with.
 *
 * @throws Error naming the first malformed line, or a count beyond `maxParts`
 */
export function parsePartList(text: string, maxParts: number): string[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) throw new Error('the part list the host uploaded is empty');
  if (lines.length > maxParts)
    throw new Error(`the host reported ${lines.length} parts, more than the ${maxParts} planned`);
  lines.forEach((line, index) => {
    if (!BASE64_SHA256.test(line))
      throw new Error(`line ${index + 1} of the part list is not a base64 SHA-256`);
  });
  return lines;
}

/** An object of the evidence bucket, and the account that must own the bucket. */
export interface BucketObject {
  readonly bucket: string;
  readonly key: string;
  /**
   * Sent as `ExpectedBucketOwner` on every call (signed into every presigned URL), so S3 refuses
   * (403) a bucket of that name owned by anyone else. moto 5.2.1 ignores it.
   */
  readonly expectedOwner: string;
}

/** Where an image goes and under which multipart upload. */
export interface UploadTarget extends BucketObject {
  readonly uploadId: string;
}

/**
 * Starts the image's multipart upload with SHA-256 part checksums: every part must then carry
 * its own `x-amz-checksum-sha256`, which S3 checks against the bytes (S3 API reference,
 * CreateMultipartUpload `ChecksumAlgorithm`; with default Object Lock retention a part needs a
 * checksum or Content-MD5 anyway). moto keeps the algorithm but enforces neither rule.
 */
export async function createImageUpload(
  aws: AwsClients,
  region: string,
  target: BucketObject,
): Promise<{ readonly uploadId: string; readonly requestId?: string }> {
  const answer = await aws.get(S3Client, region).send(
    new CreateMultipartUploadCommand({
      Bucket: target.bucket,
      Key: target.key,
      ExpectedBucketOwner: target.expectedOwner,
      ChecksumAlgorithm: 'SHA256',
      ContentType: 'application/octet-stream',
    }),
  );
  if (!answer.UploadId) throw new Error('CreateMultipartUpload answered without an UploadId');
  return {
    uploadId: answer.UploadId,
    ...(answer.$metadata.requestId ? { requestId: answer.$metadata.requestId } : {}),
  };
}

/**
 * One grant per part: `<number> <sha256> <presigned UploadPart URL>`, each URL signed with its
 * part's checksum as the `x-amz-checksum-sha256` header, all at one signing time, valid for
 * `expiresIn` seconds (SigV4 allows 7 days at most, and a URL signed with temporary credentials
 * stops working when they expire).
 */
export async function signUploadGrants(
  aws: AwsClients,
  region: string,
  target: UploadTarget,
  partSha256: readonly string[],
  expiresIn: number,
  signingDate: Date,
): Promise<string> {
  const lines = await Promise.all(
    partSha256.map(async (checksum, index) => {
      const url = await presignedUrl(aws, region, {
        method: 'PUT',
        bucket: target.bucket,
        key: target.key,
        expectedOwner: target.expectedOwner,
        expiresIn,
        signingDate,
        query: { partNumber: String(index + 1), uploadId: target.uploadId },
        signedHeaders: { 'x-amz-checksum-sha256': checksum },
      });
      return `${index + 1} ${checksum} ${url}`;
    }),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Files the grants beside the image, write-once, with their SHA-256 (S3 verifies it; Object Lock
 * requires a checksum). They name only this upload's parts, each bound to its checksum, and
 * expire with the upload.
 */
export async function fileUploadGrants(
  aws: AwsClients,
  region: string,
  location: BucketObject,
  grants: string,
): Promise<{ readonly versionId?: string; readonly requestId?: string }> {
  const answer = await aws.get(S3Client, region).send(
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      ExpectedBucketOwner: location.expectedOwner,
      Body: grants,
      ContentType: 'text/plain',
      // Under Object Lock retention (the bucket default included) S3 refuses a write that does
      // not declare its checksum algorithm or carry Content-MD5; a given checksum alone leaves
      // the SDK's x-amz-sdk-checksum-algorithm header out. moto enforces this one.
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: createHash('sha256').update(grants).digest('base64'),
      IfNoneMatch: '*',
    }),
  );
  return {
    ...(answer.VersionId ? { versionId: answer.VersionId } : {}),
    ...(answer.$metadata.requestId ? { requestId: answer.$metadata.requestId } : {}),
  };
}

/** The grants filed at `location`, as stored. */
export async function readUploadGrants(
  aws: AwsClients,
  region: string,
  location: BucketObject,
): Promise<{ readonly text: string; readonly versionId?: string }> {
  const answer = await aws.get(S3Client, region).send(
    new GetObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      ExpectedBucketOwner: location.expectedOwner,
    }),
  );
  return {
    text: (await answer.Body?.transformToString()) ?? '',
    ...(answer.VersionId ? { versionId: answer.VersionId } : {}),
  };
}

/** Query parameters that depend on who signed a URL and when, not on what it allows. */
const SIGNATURE_PARAMETERS = new Set([
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Signature',
]);

/**
 * Why grants filed earlier are not the ones this run would write, or undefined when they are:
 * the same parts with the same checksums, each URL allowing the same request (host, key, part,
 * upload, owner, signed headers, validity) and still valid at `notBefore`. Who signed them and
 * when may differ (a rerun has new credentials); a URL that someone else signed for the same
 * request can only fail, since S3 checks its signature and the part's checksum.
 */
export function grantsProblem(
  filed: string,
  wouldWrite: string,
  validity: { readonly notBefore: Date },
): string | undefined {
  const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);
  const [found, expected] = [lines(filed), lines(wouldWrite)];
  if (found.length !== expected.length)
    return `grant ${found.length} parts, not the ${expected.length} of this upload`;
  for (const [index, line] of found.entries()) {
    const [number, checksum, url] = line.split(' ');
    const [, wantedChecksum, wantedUrl] = (expected[index] as string).split(' ');
    if (number !== String(index + 1) || checksum !== wantedChecksum)
      return `line ${index + 1} does not grant part ${index + 1} with its reported SHA-256`;
    let granted: URL;
    try {
      granted = new URL(url ?? '');
    } catch {
      return `line ${index + 1} holds no URL`;
    }
    const wanted = new URL(wantedUrl as string);
    const allowed = (target: URL) =>
      JSON.stringify(
        [...target.searchParams]
          .filter(([name]) => !SIGNATURE_PARAMETERS.has(name))
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    if (
      granted.origin !== wanted.origin ||
      granted.pathname !== wanted.pathname ||
      allowed(granted) !== allowed(wanted)
    )
      return `the URL of part ${index + 1} allows another request than this upload's`;
    const signed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(
      granted.searchParams.get('X-Amz-Date') ?? '',
    );
    const expiresAt = signed
      ? Date.UTC(+signed[1]!, +signed[2]! - 1, +signed[3]!, +signed[4]!, +signed[5]!, +signed[6]!) +
        Number(granted.searchParams.get('X-Amz-Expires')) * 1000
      : Number.NaN;
    if (!(expiresAt >= validity.notBefore.getTime()))
      return `expire${Number.isNaN(expiresAt) ? ' at no date they say' : ` at ${new Date(expiresAt).toISOString()}`}, before this upload could end (${validity.notBefore.toISOString()})`;
  }
  return undefined;
}

/** What S3 says of the sealed image. */
export interface SealedImage {
  readonly versionId?: string;
  /** S3's composite checksum: the SHA-256 of the parts' SHA-256, `-<parts>` appended. */
  readonly checksumSha256?: string;
  readonly parts: number;
  readonly requestId?: string;
}

/**
 * Completes the upload from the parts S3 holds (ListParts), refusing unless there is exactly one
 * part per reported checksum, each holding it. The host never completes: it cannot name a part
 * S3 did not verify against its signed checksum.
 *
 * @throws Error when a part is missing, extra, or holds another checksum
 */
export async function completeImageUpload(
  aws: AwsClients,
  region: string,
  target: UploadTarget,
  partSha256: readonly string[],
): Promise<SealedImage> {
  const s3 = aws.get(S3Client, region);
  const parts: Part[] = [];
  // Paged by hand: moto answers an empty upload with a marker the SDK paginator loops on.
  let marker: string | undefined;
  for (;;) {
    const page = await s3.send(
      new ListPartsCommand({
        Bucket: target.bucket,
        Key: target.key,
        UploadId: target.uploadId,
        ExpectedBucketOwner: target.expectedOwner,
        ...(marker ? { PartNumberMarker: marker } : {}),
      }),
    );
    parts.push(...(page.Parts ?? []));
    if (!page.IsTruncated || !page.NextPartNumberMarker) break;
    marker = page.NextPartNumberMarker;
  }
  parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
  if (parts.length !== partSha256.length)
    throw new Error(
      `S3 holds ${parts.length} parts of ${target.key}, the capture reported ${partSha256.length}: the upload is incomplete`,
    );
  parts.forEach((part, index) => {
    // AWS lists each part's checksum as it verified it on arrival; moto lists none (and checks
    // none). A listed checksum must be the one the grant was signed with; without one, the signed
    // checksum goes into CompleteMultipartUpload, which AWS refuses (InvalidPart) on a mismatch.
    if (
      part.PartNumber !== index + 1 ||
      (part.ChecksumSHA256 !== undefined && part.ChecksumSHA256 !== partSha256[index])
    )
      throw new Error(
        `part ${part.PartNumber ?? '?'} of ${target.key} does not hold the SHA-256 reported for part ${index + 1}`,
      );
  });
  // Write-once like every evidence object: with `If-None-Match: *` S3 refuses (412) to seal the
  // image over an object already at its key, and answers 409 ConditionalRequestConflict when a
  // concurrent write wins (S3 API reference, CompleteMultipartUpload `IfNoneMatch`). moto 5.2.1
  // answers the 412 but never the 409, and does not evaluate a bucket policy's
  // `s3:if-none-match` condition, so a completion without the header would pass there.
  const answer = await s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: target.bucket,
      Key: target.key,
      UploadId: target.uploadId,
      ExpectedBucketOwner: target.expectedOwner,
      IfNoneMatch: '*',
      MultipartUpload: {
        Parts: parts.map((part, index) => ({
          PartNumber: part.PartNumber as number,
          ETag: part.ETag as string,
          ChecksumSHA256: partSha256[index] as string,
        })),
      },
    }),
  );
  return {
    ...(answer.VersionId ? { versionId: answer.VersionId } : {}),
    ...(answer.ChecksumSHA256 ? { checksumSha256: answer.ChecksumSHA256 } : {}),
    parts: parts.length,
    ...(answer.$metadata.requestId ? { requestId: answer.$metadata.requestId } : {}),
  };
}

/** Run Command statuses after which an invocation changes no more. */
const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'DeliveryTimedOut']);

/**
 * Waits for one invocation to end, polling GetCommandInvocation every `pollSeconds` (an
 * invocation is briefly unknown right after SendCommand: `InvocationDoesNotExist`).
 *
 * @throws Error when it ends otherwise than in Success, or is still running after `timeoutSeconds`
 */
export async function waitForInvocation(
  aws: AwsClients,
  region: string,
  invocation: { readonly commandId: string; readonly instanceId: string },
  timing: { readonly timeoutSeconds: number; readonly pollSeconds: number },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const ssm = aws.get(SSMClient, region);
  const deadline = Date.now() + timing.timeoutSeconds * 1000;
  for (;;) {
    let status = 'Pending';
    let detail = '';
    try {
      const answer = await ssm.send(
        new GetCommandInvocationCommand({
          CommandId: invocation.commandId,
          InstanceId: invocation.instanceId,
        }),
      );
      status = answer.Status ?? 'Pending';
      detail = answer.StandardErrorContent ?? '';
    } catch (error) {
      if (awsErrorName(error) !== 'InvocationDoesNotExist') throw error;
    }
    if (status === 'Success') return;
    if (TERMINAL.has(status))
      throw new Error(
        `the upload on ${invocation.instanceId} ended ${status}${detail ? `: ${detail.trim()}` : ''}`,
      );
    if (Date.now() >= deadline)
      throw new Error(
        `the upload on ${invocation.instanceId} is still ${status} after ${timing.timeoutSeconds} s; run the command again to wait on`,
      );
    await sleep(timing.pollSeconds * 1000);
  }
}
