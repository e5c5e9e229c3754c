import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import {
  appendManifest,
  manifestKey,
  manifestSequence,
  readChainHead,
  type EvidenceManifest,
} from './custody-chain';
import { LocalEvidenceStore, type EvidenceStore } from './evidence';

const clock = fixedClock('2026-06-01T00:00:00Z');

async function manifestAt(store: EvidenceStore, sequence: number): Promise<EvidenceManifest> {
  return JSON.parse(
    new TextDecoder().decode(await store.get(manifestKey('IR-7', sequence))),
  ) as EvidenceManifest;
}

describe('the case chain', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-chain-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('names manifests by their position in the case', () => {
    expect(manifestKey('IR-7', 3)).toBe('cases/IR-7/manifests/000003.json');
    expect(manifestSequence('cases/IR-7/manifests/000003.json')).toBe(3);
    expect(manifestSequence('cases/IR-7/runs/r/run-record.json')).toBeUndefined();
  });

  test('starts at a root and links each manifest to the previous one by hash and version', async () => {
    const store = new FakeVersionedStore();
    const first = await appendManifest(store, { caseId: 'IR-7', runId: 'a', artifacts: [], clock });
    const second = await appendManifest(store, {
      caseId: 'IR-7',
      runId: 'b',
      artifacts: [],
      clock,
    });
    expect(first.manifest).toMatchObject({ sequence: 0, previous: null });
    expect(second.manifest.previous).toEqual({
      key: first.head.key,
      sha256: first.head.sha256,
      versionId: first.head.versionId,
    });
    await expect(readChainHead(store, 'IR-7')).resolves.toEqual(second.head);
  });

  test.each([
    ['a local folder', (dir: string) => new LocalEvidenceStore(dir)],
    ['a versioned bucket', () => new FakeVersionedStore()],
  ])('concurrent runs on one case in %s give one linear chain', async (_name, open) => {
    const store = open(root);
    const heads = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((runId) =>
        appendManifest(store, { caseId: 'IR-7', runId, artifacts: [], clock }),
      ),
    );
    expect(heads.map(({ head }) => head.sequence).sort()).toEqual([0, 1, 2, 3, 4]);
    for (let sequence = 1; sequence < 5; sequence += 1) {
      expect((await manifestAt(store, sequence)).previous?.key).toBe(
        manifestKey('IR-7', sequence - 1),
      );
    }
  });
});
