import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { AwsClients } from '../../lib/aws/clients';
import { partListKey } from '../../responders/isolate-ec2-instance/memory';
import { FINISH_RUNNERS } from '../../responders/memory-capture/runners';

import { useMotoServer } from '../helpers/moto-jest';

// The host's side of a capture (AVML, the Run Command scripts) cannot run here: moto does not
// execute Run Command. This test plays the host with fetch against the presigned grants, and
// drives the responder's own S3 steps (create, grants, complete) against moto, which implements
// multipart uploads with SHA-256 part checksums. moto does not verify SigV4 signatures, does not
// refuse unsigned x-amz-* headers on presigned requests and does not require checksums under
// Object Lock: those rules are covered by the unit tests of the signing and by AWS's documentation.
const moto = useMotoServer();
jest.setTimeout(120_000);

describe('the responder seals a memory image from the parts S3 verified', () => {
  test('creates the upload, grants each part with its checksum, and completes it with a VersionId', async () => {
    const s3 = moto.client(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'evidence' }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'evidence',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    const imageKey = 'cases/IR-7/memory/i-0123456789abcdef0/20260131T120000Z.lime';
    const parts = [
      Buffer.alloc(5 * 1024 * 1024, 1),
      Buffer.alloc(5 * 1024 * 1024, 2),
      Buffer.from('tail'),
    ];
    const sha = (data: Buffer) => createHash('sha256').update(data).digest('base64');
    // The host's part list, as phase one uploads it.
    await s3.send(
      new PutObjectCommand({
        Bucket: 'evidence',
        Key: partListKey(imageKey),
        Body: `${parts.map(sha).join('\n')}\n`,
      }),
    );
    const run = (input: Record<string, unknown>) =>
      FINISH_RUNNERS['s3:PutObject']?.(aws, 'us-east-1', input) ??
      Promise.reject(new Error('no runner'));
    const partList = { PartListKey: partListKey(imageKey), MaxParts: 10 };
    // moto's account; moto accepts ExpectedBucketOwner without checking it.
    const owner = { ExpectedBucketOwner: '123456789012' };

    const created = await run({
      Operation: 'CreateMultipartUpload',
      Bucket: 'evidence',
      Key: imageKey,
      ...owner,
    });
    const uploadId = created.output?.UploadId as string;
    const grant = () =>
      run({
        Operation: 'PutUploadGrants',
        Bucket: 'evidence',
        ImageKey: imageKey,
        UploadId: uploadId,
        ExpiresInSeconds: 900,
        MinValidSeconds: 600,
        ...owner,
        ...partList,
      });
    const granted = await grant();
    // A rerun killed before the upload files the grants again: moto answers the write-once key
    // with 412, and the grants filed are this upload's, so they are reused.
    const again = await grant();
    expect(again.output).toMatchObject({ Key: granted.output?.Key, Parts: 3, Reused: true });

    // The host: fetch the grants and PUT each part with the checksum its URL was signed with.
    const grants = await (
      await s3.send(
        new GetObjectCommand({ Bucket: 'evidence', Key: granted.output?.Key as string }),
      )
    ).Body?.transformToString();
    const lines = (grants ?? '')
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(lines.map(([number, checksum]) => [number, checksum])).toEqual(
      parts.map((part, index) => [String(index + 1), sha(part)]),
    );
    for (const [number, checksum, url] of lines) {
      const answer = await fetch(url as string, {
        method: 'PUT',
        headers: { 'x-amz-checksum-sha256': checksum as string },
        body: parts[Number(number) - 1],
      });
      expect(answer.status).toBe(200);
    }

    const sealed = await run({
      Operation: 'CompleteMultipartUpload',
      Bucket: 'evidence',
      Key: imageKey,
      UploadId: uploadId,
      InstanceId: 'i-0123456789abcdef0',
      InstanceRegion: 'us-east-1',
      ...owner,
      ...partList,
    });
    expect(sealed.output).toMatchObject({ Parts: 3, VersionId: expect.any(String) });

    // HeadObject rather than GetObjectAttributes: moto answers the latter with a Last-Modified
    // the SDK cannot parse.
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'evidence', Key: imageKey, ChecksumMode: 'ENABLED' }),
    );
    expect(head.ContentLength).toBe(parts.reduce((sum, part) => sum + part.length, 0));
    expect(head.VersionId).toBe(sealed.output?.VersionId);
  });

  test('refuses to complete an upload that lacks a reported part', async () => {
    const s3 = moto.client(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'short' }));
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    const imageKey = 'cases/IR-8/memory/i-0123456789abcdef0/a.lime';
    const part = Buffer.from('only');
    await s3.send(
      new PutObjectCommand({
        Bucket: 'short',
        Key: partListKey(imageKey),
        Body: `${createHash('sha256').update(part).digest('base64')}\n${createHash('sha256').update('x').digest('base64')}\n`,
      }),
    );
    const run = FINISH_RUNNERS['s3:PutObject'];
    const created = await run?.(aws, 'us-east-1', {
      Operation: 'CreateMultipartUpload',
      Bucket: 'short',
      Key: imageKey,
    });
    await expect(
      run?.(aws, 'us-east-1', {
        Operation: 'CompleteMultipartUpload',
        Bucket: 'short',
        Key: imageKey,
        UploadId: created?.output?.UploadId,
        InstanceId: 'i-0123456789abcdef0',
        InstanceRegion: 'us-east-1',
        PartListKey: partListKey(imageKey),
        MaxParts: 10,
      }),
    ).rejects.toThrow(/S3 holds 0 parts .* the capture reported 2: the upload is incomplete/);
  });
});
