import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import {
  EvidenceKeyExistsError,
  LocalEvidenceStore,
  S3EvidenceStore,
  sha256Hex,
  storedKey,
} from './evidence';

const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
const clock = fixedClock('2026-06-01T00:00:00Z');
const OWNER = '111122223333';
const body = new TextEncoder().encode('evidence');

function store(retentionDays?: number): S3EvidenceStore {
  return new S3EvidenceStore(aws, 'evidence', 'eu-west-1', {
    clock,
    expectedOwner: OWNER,
    ...(retentionDays ? { retentionDays } : {}),
  });
}

beforeEach(() => s3.reset());

describe('S3EvidenceStore', () => {
  test('writes once, with a SHA-256 checksum S3 checks, and only to a bucket of the expected owner', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'v1' });
    await expect(store().put('cases/IR-1/x', body, 'text/plain')).resolves.toEqual({
      key: 'cases/IR-1/x',
      sha256: sha256Hex(body),
      size: body.byteLength,
      versionId: 'v1',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'evidence',
      Key: 'cases/IR-1/x',
      IfNoneMatch: '*',
      ExpectedBucketOwner: OWNER,
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: Buffer.from(sha256Hex(body), 'hex').toString('base64'),
    });
  });

  test('locks each object in COMPLIANCE mode when given retention days', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store(30).put('cases/IR-1/x', body, 'text/plain');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: new Date('2026-07-01T00:00:00Z'),
    });
  });

  test.each(['PreconditionFailed', 'ConditionalRequestConflict'])(
    'turns %s into "the key exists": nothing was overwritten',
    async (name) => {
      s3.on(PutObjectCommand).rejects(
        Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 412 } }),
      );
      await expect(store().put('cases/IR-1/x', body, 'text/plain')).rejects.toBeInstanceOf(
        EvidenceKeyExistsError,
      );
    },
  );

  test('sends ExpectedBucketOwner on every read too', async () => {
    s3.on(GetObjectCommand).resolves({
      VersionId: 'v1',
      // The SDK's streaming body; only the method the store uses.
      Body: { transformToByteArray: async () => new Uint8Array(Buffer.from('evidence')) } as never,
    });
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'cases/IR-1/x' }] });
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [{ Key: 'cases/IR-1/x', VersionId: 'v1', IsLatest: true }],
      DeleteMarkers: [{ Key: 'cases/IR-1/y', VersionId: 'd1', IsLatest: true }],
    });
    s3.on(HeadObjectCommand).resolves({
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: new Date('2027-01-01T00:00:00Z'),
    });
    const evidence = store();
    await expect(evidence.read('cases/IR-1/x', 'v1')).resolves.toEqual({
      body: new Uint8Array(Buffer.from('evidence')),
      versionId: 'v1',
    });
    await expect(evidence.list('cases/')).resolves.toEqual(['cases/IR-1/x']);
    await expect(evidence.listVersions('cases/')).resolves.toEqual([
      { key: 'cases/IR-1/x', versionId: 'v1', isLatest: true, deleteMarker: false },
      { key: 'cases/IR-1/y', versionId: 'd1', isLatest: true, deleteMarker: true },
    ]);
    await expect(evidence.retention('cases/IR-1/x', 'v1')).resolves.toEqual({
      mode: 'COMPLIANCE',
      retainUntil: new Date('2027-01-01T00:00:00Z'),
    });
    const owners = s3
      .calls()
      .map((call) => (call.args[0].input as { ExpectedBucketOwner?: string }).ExpectedBucketOwner);
    expect(owners).toEqual([OWNER, OWNER, OWNER, OWNER]);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ VersionId: 'v1' });
  });

  test("keeps one account's evidence under its own id in another account's bucket, and hands back the keys it was given", async () => {
    const member = new S3EvidenceStore(aws, 'central', 'eu-west-1', {
      clock,
      expectedOwner: OWNER,
      account: '444455556666',
    });
    s3.on(PutObjectCommand).resolves({ VersionId: 'v1' });
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'cases/444455556666/IR-1/manifests/000000.json' }],
    });
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [{ Key: 'cases/444455556666/IR-1/x', VersionId: 'v1', IsLatest: true }],
    });
    s3.on(HeadObjectCommand).resolves({});
    await expect(member.put('cases/IR-1/x', body, 'text/plain')).resolves.toMatchObject({
      key: 'cases/IR-1/x',
    });
    await expect(member.list('cases/IR-1/manifests/')).resolves.toEqual([
      'cases/IR-1/manifests/000000.json',
    ]);
    await expect(member.listVersions('cases/IR-1/')).resolves.toEqual([
      { key: 'cases/IR-1/x', versionId: 'v1', isLatest: true, deleteMarker: false },
    ]);
    await member.retention('cases/IR-1/x', 'v1');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'central',
      Key: 'cases/444455556666/IR-1/x',
      ExpectedBucketOwner: OWNER,
    });
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Prefix).toBe(
      'cases/444455556666/IR-1/manifests/',
    );
    expect(s3.commandCalls(ListObjectVersionsCommand)[0]?.args[0].input.Prefix).toBe(
      'cases/444455556666/IR-1/',
    );
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.Key).toBe(
      'cases/444455556666/IR-1/x',
    );
    expect(member.objectKey('scans/report.json')).toBe('scans/444455556666/report.json');
    expect(storedKey(member, 'cases/IR-1/x')).toBe('cases/444455556666/IR-1/x');
    expect(member.protection).toContain(
      "account 444455556666's evidence under cases/444455556666/ and scans/444455556666/",
    );
  });

  test("refuses a key outside the account's prefixes before any call, since the bucket policy would", async () => {
    const member = new S3EvidenceStore(aws, 'central', 'eu-west-1', {
      clock,
      expectedOwner: OWNER,
      account: '444455556666',
    });
    await expect(member.put('AWSLogs/x', body, 'text/plain')).rejects.toThrow(
      /outside cases\/ and scans\/, the only prefixes account 444455556666 has in s3:\/\/central/,
    );
    expect(s3.calls()).toHaveLength(0);
  });

  test('follows the markers of a long version listing', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        IsTruncated: true,
        NextKeyMarker: 'k',
        NextVersionIdMarker: 'm',
        Versions: [{ Key: 'a', VersionId: '1' }],
      })
      .resolvesOnce({ Versions: [{ Key: 'b', VersionId: '2' }] });
    expect((await store().listVersions('')).map((version) => version.key)).toEqual(['a', 'b']);
    expect(s3.commandCalls(ListObjectVersionsCommand)[1]?.args[0].input).toMatchObject({
      KeyMarker: 'k',
      VersionIdMarker: 'm',
    });
  });
});

describe('LocalEvidenceStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-evidence-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('refuses to overwrite an evidence file', async () => {
    const local = new LocalEvidenceStore(root);
    await local.put('cases/IR-7/x.txt', body);
    await expect(local.put('cases/IR-7/x.txt', body)).rejects.toBeInstanceOf(
      EvidenceKeyExistsError,
    );
    await expect(local.list('cases/')).resolves.toEqual(['cases/IR-7/x.txt']);
  });
});
