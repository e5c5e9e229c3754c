import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { LocalEvidenceStore, writeRunEvidence } from './evidence';
import type { RunRecord } from './record';
import { verifyCaseEvidence } from './verify-evidence';

const clock = fixedClock('2026-06-01T00:00:00Z');

function record(runId: string): RunRecord {
  return {
    format: 'pyjamas-run-record',
    version: 1,
    runId,
    responder: 'test',
    caseId: 'IR-7',
    target: {
      type: 'AwsEc2Instance',
      id: 'i-1',
      arn: 'arn:aws:ec2:us-east-1:1:instance/i-1',
      region: 'us-east-1',
      account: '1',
    },
    actor: 'arn:aws:iam::1:user/responder',
    trigger: { source: 'cli' },
    dryRun: false,
    startedAt: clock.now().toISOString(),
    finishedAt: clock.now().toISOString(),
    outcome: 'succeeded',
    notes: [],
    steps: [],
    verification: [],
  };
}

describe('case evidence', () => {
  let root: string;
  let store: LocalEvidenceStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-evidence-'));
    store = new LocalEvidenceStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('files artifacts, the run record and a manifest that verifies', async () => {
    const { manifest, manifestKey } = await writeRunEvidence(store, {
      record: record('20260601T000000Z-test-aaaaaa'),
      artifacts: [
        { name: 'pre-state.json', body: '{"state":"running"}', contentType: 'application/json' },
      ],
      clock,
    });
    expect(manifestKey).toBe('cases/IR-7/runs/20260601T000000Z-test-aaaaaa/manifest.json');
    expect(manifest.artifacts.map((a) => a.key)).toEqual([
      'cases/IR-7/runs/20260601T000000Z-test-aaaaaa/artifacts/pre-state.json',
      'cases/IR-7/runs/20260601T000000Z-test-aaaaaa/run-record.json',
    ]);
    expect(manifest.previous).toBeNull();
    await expect(verifyCaseEvidence(store, 'IR-7')).resolves.toMatchObject({
      ok: true,
      manifests: 1,
      artifacts: 2,
      problems: [],
      unlisted: [],
    });
  });

  test('chains each run to the previous manifest of the case', async () => {
    const first = await writeRunEvidence(store, {
      record: record('20260601T000000Z-test-aaaaaa'),
      artifacts: [],
      clock,
    });
    const second = await writeRunEvidence(store, {
      record: record('20260601T000100Z-test-bbbbbb'),
      artifacts: [],
      clock,
    });
    expect(second.manifest.previous?.key).toBe(first.manifestKey);
    expect(second.manifest.previous?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('detects an artifact changed after filing', async () => {
    await writeRunEvidence(store, {
      record: record('20260601T000000Z-test-aaaaaa'),
      artifacts: [{ name: 'console.txt', body: 'boot log', contentType: 'text/plain' }],
      clock,
    });
    const path = join(root, 'cases/IR-7/runs/20260601T000000Z-test-aaaaaa/artifacts/console.txt');
    await chmod(path, 0o644);
    await writeFile(path, 'edited log');
    const result = await verifyCaseEvidence(store, 'IR-7');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(/console\.txt does not match its SHA-256/),
    ]);
  });

  test('detects a previous manifest changed after the next run linked it', async () => {
    const first = await writeRunEvidence(store, {
      record: record('20260601T000000Z-test-aaaaaa'),
      artifacts: [],
      clock,
    });
    await writeRunEvidence(store, {
      record: record('20260601T000100Z-test-bbbbbb'),
      artifacts: [],
      clock,
    });
    const path = join(root, first.manifestKey);
    await chmod(path, 0o644);
    await writeFile(
      path,
      '{"format":"pyjamas-evidence-manifest","version":1,"caseId":"IR-7","runId":"x","createdAt":"","artifacts":[],"previous":null}',
    );
    const result = await verifyCaseEvidence(store, 'IR-7');
    expect(result.problems).toContainEqual(
      expect.stringMatching(/changed after .*bbbbbb\/manifest\.json recorded its SHA-256/),
    );
  });

  test('refuses to overwrite an evidence file', async () => {
    await store.put('cases/IR-7/x.txt', new TextEncoder().encode('a'), 'text/plain');
    await expect(
      store.put('cases/IR-7/x.txt', new TextEncoder().encode('b'), 'text/plain'),
    ).rejects.toThrow(/EEXIST/);
  });

  test('reports a case without evidence', async () => {
    await expect(verifyCaseEvidence(store, 'IR-404')).resolves.toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/no evidence manifest found for case IR-404/)],
    });
  });
});
