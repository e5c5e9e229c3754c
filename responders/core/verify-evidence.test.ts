import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import { appendManifest, manifestKey, type EvidenceManifest } from './custody-chain';
import { LocalEvidenceStore, sha256Hex, type EvidenceStore, type StoredArtifact } from './evidence';
import { verifyCaseEvidence } from './verify-evidence';

const clock = fixedClock('2026-06-01T00:00:00Z');
const now = new Date('2026-06-02T00:00:00Z');
const text = (value: string) => new TextEncoder().encode(value);

/** Files one run of the case: one artifact and its manifest. */
async function fileRun(store: EvidenceStore, runId: string): Promise<StoredArtifact> {
  const artifact = await store.put(
    `cases/IR-7/runs/${runId}/artifacts/pre-state.json`,
    text(`{"run":"${runId}"}`),
    'application/json',
  );
  await appendManifest(store, { caseId: 'IR-7', runId, artifacts: [artifact], clock });
  return artifact;
}

describe('verifyCaseEvidence in a versioned bucket', () => {
  test('passes a sound case and names its chain head', async () => {
    const store = new FakeVersionedStore();
    await fileRun(store, 'a');
    await fileRun(store, 'b');
    const result = await verifyCaseEvidence(store, 'IR-7', { now });
    expect(result).toMatchObject({ ok: true, manifests: 2, artifacts: 2, problems: [] });
    expect(result.head?.key).toBe(manifestKey('IR-7', 1));
  });

  test('rejects an artifact rewritten as a new version, even with a matching manifest on top', async () => {
    const store = new FakeVersionedStore();
    const artifact = await fileRun(store, 'a');
    const forged = await store.overwrite(artifact.key, text('{"run":"forged"}'));
    const manifest = JSON.parse(
      new TextDecoder().decode(await store.get(manifestKey('IR-7', 0))),
    ) as EvidenceManifest;
    await store.overwrite(
      manifestKey('IR-7', 0),
      text(JSON.stringify({ ...manifest, artifacts: [forged] })),
    );
    const result = await verifyCaseEvidence(store, 'IR-7', { now });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/pre-state\.json has 2 versions .*written over/),
        expect.stringMatching(/manifests\/000000\.json has 2 versions/),
      ]),
    );
  });

  test('rejects a rewritten chain: a forged manifest linking an earlier one forks the chain', async () => {
    const store = new FakeVersionedStore();
    await fileRun(store, 'a');
    await fileRun(store, 'b');
    const root = await store.read(manifestKey('IR-7', 0));
    await store.put(
      manifestKey('IR-7', 2),
      text(
        JSON.stringify({
          format: 'pyjamas-evidence-manifest',
          version: 2,
          caseId: 'IR-7',
          runId: 'forged',
          sequence: 2,
          createdAt: '',
          artifacts: [],
          previous: {
            key: manifestKey('IR-7', 0),
            sha256: sha256Hex(root.body),
            versionId: root.versionId,
          },
        }),
      ),
    );
    const result = await verifyCaseEvidence(store, 'IR-7', { now });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/the chain forks after cases\/IR-7\/manifests\/000000\.json/),
        expect.stringMatching(
          /000002\.json links to .*000000\.json, which is not the position before it/,
        ),
      ]),
    );
    expect(result.head).toBeUndefined();
  });

  test('rejects evidence that is not under COMPLIANCE retention', async () => {
    const store = new FakeVersionedStore();
    await store.overwrite('cases/IR-7/runs/a/artifacts/x', text('x'), {});
    const artifact = { key: 'cases/IR-7/runs/a/artifacts/x', sha256: '', size: 1, versionId: 'v1' };
    await appendManifest(store, {
      caseId: 'IR-7',
      runId: 'a',
      artifacts: [{ ...artifact, sha256: sha256Hex(text('x')) }],
      clock,
    });
    const result = await verifyCaseEvidence(store, 'IR-7', { now });
    expect(result.problems).toEqual([
      'cases/IR-7/runs/a/artifacts/x is not under COMPLIANCE retention (no retention)',
    ]);
  });

  test('reports objects no manifest covers without failing for them', async () => {
    const store = new FakeVersionedStore();
    await fileRun(store, 'a');
    await store.put('cases/IR-7/runs/b/run-start.json', text('{}'), 'application/json');
    const result = await verifyCaseEvidence(store, 'IR-7', { now });
    expect(result.ok).toBe(true);
    expect(result.unlisted).toEqual(['cases/IR-7/runs/b/run-start.json']);
  });

  test('checks that the chain ends at the head published at the time', async () => {
    const store = new FakeVersionedStore();
    await fileRun(store, 'a');
    const published = (await verifyCaseEvidence(store, 'IR-7', { now })).head?.sha256 as string;
    await expect(
      verifyCaseEvidence(store, 'IR-7', { now, expectHead: published }),
    ).resolves.toMatchObject({ ok: true });
    await fileRun(store, 'b');
    const later = await verifyCaseEvidence(store, 'IR-7', { now, expectHead: published });
    expect(later.problems).toEqual([
      expect.stringMatching(
        /the chain ends at cases\/IR-7\/manifests\/000001\.json .*not at the expected head .*1 manifest\(s\) were added after it/,
      ),
    ]);
    const unknown = await verifyCaseEvidence(store, 'IR-7', { now, expectHead: 'f'.repeat(64) });
    expect(unknown.problems).toEqual([expect.stringMatching(/which no manifest of the case has/)]);
  });
});

describe('verifyCaseEvidence in a local folder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-verify-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('detects an artifact changed after filing', async () => {
    const store = new LocalEvidenceStore(root);
    const artifact = await fileRun(store, 'a');
    const path = join(root, ...artifact.key.split('/'));
    await chmod(path, 0o644);
    await writeFile(path, 'edited');
    const result = await verifyCaseEvidence(store, 'IR-7');
    expect(result.problems).toEqual([
      expect.stringMatching(/pre-state\.json does not match its SHA-256/),
    ]);
  });

  test('detects a previous manifest changed after the next run linked it', async () => {
    const store = new LocalEvidenceStore(root);
    await fileRun(store, 'a');
    await fileRun(store, 'b');
    const path = join(root, ...manifestKey('IR-7', 0).split('/'));
    await chmod(path, 0o644);
    await writeFile(
      path,
      '{"format":"pyjamas-evidence-manifest","version":2,"caseId":"IR-7","runId":"x","sequence":0,"createdAt":"","artifacts":[],"previous":null}',
    );
    const result = await verifyCaseEvidence(store, 'IR-7');
    expect(result.problems).toContainEqual(
      expect.stringMatching(/000000\.json changed after .*000001\.json recorded its SHA-256/),
    );
  });

  test('reports a case without evidence', async () => {
    await expect(verifyCaseEvidence(new LocalEvidenceStore(root), 'IR-404')).resolves.toMatchObject(
      {
        ok: false,
        problems: [expect.stringMatching(/no evidence manifest found for case IR-404/)],
      },
    );
  });
});
