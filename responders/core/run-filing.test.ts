import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import { LocalEvidenceStore, type EvidenceStore } from './evidence';
import { RunFiling } from './run-filing';
import { verifyCaseEvidence } from './verify-evidence';

const clock = fixedClock('2026-06-01T00:00:00Z');
const text = (value: string) => () => new TextEncoder().encode(value);
const denied = () =>
  Object.assign(new Error('Access Denied'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403, requestId: 'req-1' },
  });

/** A bucket that accepts `accepted` writes, then refuses every write as its policy would. */
function refusingBucket(accepted: number): FakeVersionedStore {
  const bucket = new FakeVersionedStore();
  let left = accepted;
  const put = bucket.put.bind(bucket);
  bucket.put = async (key, body, contentType) => {
    if (left <= 0) throw denied();
    left -= 1;
    return put(key, body, contentType);
  };
  return bucket;
}

describe('RunFiling', () => {
  let root: string;
  let local: EvidenceStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-filing-'));
    local = new LocalEvidenceStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('files every object and the manifest in the bucket when it accepts them', async () => {
    const bucket = new FakeVersionedStore();
    const filing = new RunFiling(bucket, local);
    await filing.file('cases/IR-1/runs/r/run-start.json', text('{}'), 'application/json');
    await filing.file('cases/IR-1/runs/r/run-record.json', text('{}'), 'application/json');
    const filed = await filing.seal('IR-1', 'r', clock);
    expect(filed).toMatchObject({
      location: 's3://fake-evidence',
      manifestKey: 'cases/IR-1/manifests/000000.json',
    });
    expect(filed?.refusedBy).toBeUndefined();
    expect(filing.problems).toEqual([]);
    await expect(verifyCaseEvidence(bucket, 'IR-1')).resolves.toMatchObject({ ok: true });
  });

  test('moves the whole record to the local folder when the bucket refuses a write, and says why', async () => {
    const problems: string[] = [];
    const filing = new RunFiling(refusingBucket(1), local, (problem) => problems.push(problem));
    await filing.file('cases/IR-1/runs/r/run-start.json', text('{}'), 'application/json');
    await filing.file('cases/IR-1/runs/r/run-record.json', text('{"n":1}'), 'application/json');
    const filed = await filing.seal('IR-1', 'r', clock);
    expect(filed).toMatchObject({ location: local.location, refusedBy: 's3://fake-evidence' });
    expect(problems).toEqual([
      expect.stringMatching(
        /^s3:\/\/fake-evidence refused cases\/IR-1\/runs\/r\/run-record\.json \(AccessDenied: Access Denied \(HTTP 403, request id req-1\)\); the whole record is kept in file:\/\//,
      ),
    ]);
    expect(filing.problems).toEqual(problems);
    await expect(local.list('cases/IR-1/')).resolves.toEqual([
      'cases/IR-1/manifests/000000.json',
      'cases/IR-1/runs/r/run-record.json',
      'cases/IR-1/runs/r/run-start.json',
    ]);
    await expect(verifyCaseEvidence(local, 'IR-1')).resolves.toMatchObject({ ok: true });
    expect(filing.custody()).toMatchObject({
      store: local.location,
      refusedBy: 's3://fake-evidence',
      problems,
    });
  });

  test('moves everything when the bucket refuses only the manifest', async () => {
    const filing = new RunFiling(refusingBucket(1), local);
    await filing.file('cases/IR-1/runs/r/run-record.json', text('{}'), 'application/json');
    const filed = await filing.seal('IR-1', 'r', clock);
    expect(filed?.location).toBe(local.location);
    expect(filing.problems).toEqual([expect.stringMatching(/refused the manifest of run r/)]);
    await expect(verifyCaseEvidence(local, 'IR-1')).resolves.toMatchObject({ ok: true });
  });

  test('renders the objects again for the fallback, so the record there names the refusal', async () => {
    const filing = new RunFiling(refusingBucket(0), local);
    await filing.file(
      'cases/IR-1/runs/r/run-record.json',
      () => new TextEncoder().encode(JSON.stringify(filing.custody())),
      'application/json',
    );
    await filing.seal('IR-1', 'r', clock);
    const record = JSON.parse(
      new TextDecoder().decode(await local.get('cases/IR-1/runs/r/run-record.json')),
    ) as { refusedBy: string; problems: string[] };
    expect(record.refusedBy).toBe('s3://fake-evidence');
    expect(record.problems).toHaveLength(1);
  });

  test('without a fallback says that nothing was filed', async () => {
    const filing = new RunFiling(refusingBucket(0), undefined);
    await filing.file('cases/IR-1/runs/r/run-start.json', text('{}'), 'application/json');
    await expect(filing.seal('IR-1', 'r', clock)).resolves.toBeUndefined();
    expect(filing.problems).toEqual([expect.stringMatching(/the evidence was NOT filed anywhere/)]);
  });
});
