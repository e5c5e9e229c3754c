import { mockClient } from 'aws-sdk-client-mock';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsClients } from '../../lib/aws/clients';
import type { StepRunner } from '../core/step';
import { uploadGrantsKey } from '../isolate-ec2-instance/memory';
import { fileUploadGrants } from './memory-upload';
import { FINISH_RUNNERS } from './runners';

const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
const OWNER = '111122223333';
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

function runS3(input: Record<string, unknown>): ReturnType<StepRunner> {
  const run = FINISH_RUNNERS['s3:PutObject'];
  if (!run) throw new Error('no s3:PutObject runner');
  return run(aws, 'us-east-1', input);
}

/** Files the grants of upload-1, signing them at `now` (the runner's clock is the system's). */
async function grant(now?: Date): ReturnType<StepRunner> {
  if (now) jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    return await runS3({
      Operation: 'PutUploadGrants',
      Bucket: 'evidence',
      ExpectedBucketOwner: OWNER,
      ImageKey: IMAGE,
      UploadId: 'upload-1',
      ExpiresInSeconds: 4200,
      MinValidSeconds: 3600,
      PartListKey: `${IMAGE}.parts`,
      MaxParts: 10,
    });
  } finally {
    if (now) jest.useRealTimers();
  }
}

function complete(): Promise<unknown> {
  const run = FINISH_RUNNERS['s3:PutObject'];
  if (!run) throw new Error('no s3:PutObject runner');
  return run(aws, 'us-east-1', {
    Operation: 'CompleteMultipartUpload',
    Bucket: 'evidence',
    ExpectedBucketOwner: OWNER,
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
      { bucket: 'evidence', key: `${IMAGE}.upload-grants`, expectedOwner: OWNER },
      '1 abc https://example\n',
    );
    expect(filed.versionId).toBe('grants-v1');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      ExpectedBucketOwner: OWNER,
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as unknown,
    });
  });
});

describe('every S3 call of the upload names the bucket owner', () => {
  test('create, part list, ListParts and completion send ExpectedBucketOwner', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1', $metadata: {} });
    await runS3({
      Operation: 'CreateMultipartUpload',
      Bucket: 'evidence',
      Key: IMAGE,
      ExpectedBucketOwner: OWNER,
    });
    await complete();
    const calls = [
      ...s3.commandCalls(CreateMultipartUploadCommand),
      ...s3.commandCalls(GetObjectCommand),
      ...s3.commandCalls(ListPartsCommand),
      ...s3.commandCalls(CompleteMultipartUploadCommand),
    ];
    expect(calls).toHaveLength(4);
    expect(calls.map((call) => call.args[0].input.ExpectedBucketOwner)).toEqual(
      calls.map(() => OWNER),
    );
  });

  test('the grants are filed with the owner, and every grant is signed for it', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'grants-v1', $metadata: {} });
    const filed = await grant();
    const [put] = s3.commandCalls(PutObjectCommand);
    expect(put?.args[0].input).toMatchObject({
      ExpectedBucketOwner: OWNER,
      Key: uploadGrantsKey(IMAGE, 'upload-1'),
    });
    expect(filed).toMatchObject({ output: { Key: uploadGrantsKey(IMAGE, 'upload-1'), Parts: 2 } });
    for (const line of (put?.args[0].input.Body as string).trim().split('\n')) {
      const url = new URL(line.split(' ')[2] as string);
      // Lower case in the query, where S3 enforces it on a presigned request.
      expect(url.searchParams.get('x-amz-expected-bucket-owner')).toBe(OWNER);
    }
  });
});

describe('filing the grants again after a run was killed before the upload', () => {
  /** What an earlier run filed: the grants signed then, now stored under the upload's key. */
  async function filedEarlier(edit: (grants: string) => string = (grants) => grants) {
    s3.on(PutObjectCommand).resolves({ $metadata: {} });
    await grant(new Date(Date.now() - 60_000));
    const stored = edit(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body as string);
    s3.reset();
    s3.on(GetObjectCommand).callsFake((input: { Key?: string }) =>
      Promise.resolve(
        input.Key === uploadGrantsKey(IMAGE, 'upload-1')
          ? { Body: body(stored), VersionId: 'grants-v1' }
          : { Body: body(`${REPORTED.join('\n')}\n`) },
      ),
    );
    s3.on(PutObjectCommand).rejects(
      Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
        name: 'PreconditionFailed',
        $metadata: { httpStatusCode: 412 },
      }),
    );
  }

  test('reuses the grants filed for this upload when they grant its parts and stay valid', async () => {
    await filedEarlier();
    await expect(grant()).resolves.toEqual({
      output: {
        Key: uploadGrantsKey(IMAGE, 'upload-1'),
        Parts: 2,
        VersionId: 'grants-v1',
        Reused: true,
      },
    });
    expect(
      s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input.ExpectedBucketOwner),
    ).toEqual([OWNER, OWNER]);
  });

  test.each([
    [
      'grants for another part checksum',
      (grants: string) => grants.replace(REPORTED[0] as string, REPORTED[1] as string),
      /line 1 does not grant part 1 with its reported SHA-256/,
    ],
    [
      'a URL to another bucket',
      (grants: string) => grants.replace('//evidence.', '//attacker.'),
      /the URL of part 1 allows another request than this upload's/,
    ],
    [
      'a URL without the owner',
      (grants: string) => grants.replace(/&?x-amz-expected-bucket-owner=\d+/g, ''),
      /allows another request than this upload's/,
    ],
    [
      'grants that have expired',
      (grants: string) => grants.replace(/X-Amz-Date=\d{8}T/g, 'X-Amz-Date=20200101T'),
      /expire at 2020-01-01T.*before this upload could end/,
    ],
    [
      'one grant too few',
      (grants: string) => grants.split('\n')[0] ?? '',
      /grant 1 parts, not the 2/,
    ],
  ])(
    'fails on %s, naming the abort that lets a new upload be granted',
    async (_name, edit, problem) => {
      await filedEarlier(edit);
      await expect(grant()).rejects.toThrow(problem);
      await expect(grant()).rejects.toThrow(
        /were filed before .* abort upload upload-1 \(aws s3api abort-multipart-upload --bucket evidence --key .* --upload-id upload-1 --expected-bucket-owner 111122223333\)/,
      );
    },
  );

  test('any other refusal is not taken for grants filed before', async () => {
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(grant()).rejects.toThrow('denied');
  });
});
