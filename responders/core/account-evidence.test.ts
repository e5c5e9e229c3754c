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
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import { appendManifest } from './custody-chain';
import { S3EvidenceStore } from './evidence';
import { verifyCaseEvidence } from './verify-evidence';

const s3 = mockClient(S3Client);
const aws = new AwsClients({ env: {} });
const clock = fixedClock('2026-06-01T00:00:00Z');
const SECURITY = '111111111111';
const MEMBER = '222222222222';

/** The central bucket as S3 holds it: every call the stores make lands in one fake bucket. */
function centralBucket(): FakeVersionedStore {
  const bucket = new FakeVersionedStore();
  s3.on(PutObjectCommand).callsFake(async (input: { Key: string; Body: Uint8Array }) => ({
    VersionId: (await bucket.put(input.Key, input.Body)).versionId,
  }));
  s3.on(GetObjectCommand).callsFake(async (input: { Key: string; VersionId?: string }) => {
    const { body, versionId } = await bucket.read(input.Key, input.VersionId);
    return { Body: { transformToByteArray: async () => body }, VersionId: versionId };
  });
  s3.on(ListObjectsV2Command).callsFake(async (input: { Prefix: string }) => ({
    Contents: (await bucket.list(input.Prefix)).map((Key) => ({ Key })),
  }));
  s3.on(ListObjectVersionsCommand).callsFake(async (input: { Prefix: string }) => ({
    Versions: (await bucket.listVersions(input.Prefix)).map((version) => ({
      Key: version.key,
      VersionId: version.versionId,
      IsLatest: version.isLatest,
    })),
  }));
  s3.on(HeadObjectCommand).callsFake(async (input: { Key: string; VersionId: string }) => {
    const { mode, retainUntil } = await bucket.retention(input.Key, input.VersionId);
    return { ObjectLockMode: mode, ObjectLockRetainUntilDate: retainUntil };
  });
  return bucket;
}

function central(account?: string): S3EvidenceStore {
  return new S3EvidenceStore(aws, 'central', 'us-east-1', {
    clock,
    expectedOwner: SECURITY,
    ...(account ? { account } : {}),
  });
}

beforeEach(() => s3.reset());

test("a member's case filed in the central bucket lives under cases/<member>/ and verifies there, apart from the security account's case of the same id", async () => {
  const bucket = centralBucket();
  const body = new TextEncoder().encode('pre-state');
  for (const store of [central(MEMBER), central()]) {
    const artifact = await store.put('cases/IR-1/runs/r1/pre-state.json', body, 'application/json');
    await appendManifest(store, { caseId: 'IR-1', runId: 'r1', artifacts: [artifact], clock });
  }
  expect(await bucket.list('cases/')).toEqual([
    'cases/222222222222/IR-1/manifests/000000.json',
    'cases/222222222222/IR-1/runs/r1/pre-state.json',
    'cases/IR-1/manifests/000000.json',
    'cases/IR-1/runs/r1/pre-state.json',
  ]);
  const member = await verifyCaseEvidence(central(MEMBER), 'IR-1', {
    now: new Date('2026-06-02T00:00:00Z'),
  });
  expect(member).toMatchObject({ ok: true, manifests: 1, artifacts: 1, unlisted: [] });
  const security = await verifyCaseEvidence(central(), 'IR-1', {
    now: new Date('2026-06-02T00:00:00Z'),
  });
  // The security account's own case does not see the member's objects as its own.
  expect(security).toMatchObject({ ok: true, manifests: 1, artifacts: 1 });
  expect(security.unlisted).toEqual([]);
});
