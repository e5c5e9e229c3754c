import { mockClient } from 'aws-sdk-client-mock';
import {
  CompleteMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsClients } from '../../lib/aws/clients';
import { fileUploadGrants } from './memory-upload';
import { FINISH_RUNNERS } from './runners';

const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
const IMAGE = 'cases/IR-7/memory/i-0123456789abcdef0/20260131T120000Z.lime';
/** Two parts as the host reported them (base64 SHA-256). */
const REPORTED = [
  'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  'uGsY0b8+4vrfBgU1xTQCeo0o3GHJTYsN+P2XcMUBxGY=',
];

/** The part of a GetObject body the runner reads. */
function body(text: string): { transformToString: () => Promise<string> } {
  return { transformToString: () => Promise.resolve(text) };
}

function complete(): Promise<unknown> {
  const run = FINISH_RUNNERS['s3:PutObject'];
  if (!run) throw new Error('no s3:PutObject runner');
  return run(aws, 'us-east-1', {
    Operation: 'CompleteMultipartUpload',
    Bucket: 'evidence',
    Key: IMAGE,
    UploadId: 'upload-1',
    InstanceId: 'i-0123456789abcdef0',
    InstanceRegion: 'us-east-1',
    PartListKey: `${IMAGE}.parts`,
    PartListVersionId: 'list-v1',
    MaxParts: 10,
  });
}

beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand).resolves({ Body: body(`${REPORTED.join('\n')}\n`) } as never);
  s3.on(ListPartsCommand).resolves({
    Parts: REPORTED.map((_, index) => ({ PartNumber: index + 1, ETag: `"etag-${index + 1}"` })),
  });
  s3.on(CompleteMultipartUploadCommand).resolves({
    VersionId: 'image-v1',
    ChecksumSHA256: 'S3ComputedCompositeChecksumOfThePartsAAAAAA=-2',
    $metadata: { requestId: 'req-complete' },
  });
});

describe('completing the memory image', () => {
  test('seals it write-once: CompleteMultipartUpload sends If-None-Match *', async () => {
    await complete();
    const [call] = s3.commandCalls(CompleteMultipartUploadCommand);
    expect(call?.args[0].input).toMatchObject({
      Bucket: 'evidence',
      Key: IMAGE,
      UploadId: 'upload-1',
      IfNoneMatch: '*',
    });
  });

  test('completes from the parts S3 lists, each bound to the checksum the host reported', async () => {
    await complete();
    const [call] = s3.commandCalls(CompleteMultipartUploadCommand);
    expect(call?.args[0].input.MultipartUpload?.Parts).toEqual([
      { PartNumber: 1, ETag: '"etag-1"', ChecksumSHA256: REPORTED[0] },
      { PartNumber: 2, ETag: '"etag-2"', ChecksumSHA256: REPORTED[1] },
    ]);
    // The part list is read at the version the plan named, not whatever the host wrote since.
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({
      Key: `${IMAGE}.parts`,
      VersionId: 'list-v1',
    });
  });

  test("records the checksum S3 computed and the object's VersionId, not a hash the host reports", async () => {
    const sealed = await complete();
    expect(sealed).toEqual({
      requestId: 'req-complete',
      output: {
        Parts: 2,
        VersionId: 'image-v1',
        ChecksumSHA256: 'S3ComputedCompositeChecksumOfThePartsAAAAAA=-2',
      },
    });
  });

  test('refuses to complete when S3 lists a part with another checksum than the host reported', async () => {
    s3.on(ListPartsCommand).resolves({
      Parts: [
        { PartNumber: 1, ETag: '"etag-1"', ChecksumSHA256: REPORTED[1] },
        { PartNumber: 2, ETag: '"etag-2"', ChecksumSHA256: REPORTED[1] },
      ],
    });
    await expect(complete()).rejects.toThrow(/part 1 .* does not hold the SHA-256 reported/);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });
});

describe('filing the upload grants', () => {
  test('writes them once, declaring SHA-256, as S3 requires under Object Lock retention', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'grants-v1', $metadata: {} });
    const filed = await fileUploadGrants(
      aws,
      'us-east-1',
      { bucket: 'evidence', key: `${IMAGE}.upload-grants` },
      '1 abc https://example\n',
    );
    expect(filed.versionId).toBe('grants-v1');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as unknown,
    });
  });
});
