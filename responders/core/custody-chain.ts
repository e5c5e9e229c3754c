import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../lib/clock';
import {
  EvidenceKeyExistsError,
  isVersionedStore,
  sha256Hex,
  type EvidenceStore,
  type StoredArtifact,
} from './evidence';

/** Marks evidence manifests. */
export const MANIFEST_FORMAT = 'pyjamas-evidence-manifest';

/** A manifest as the next one names it: its key, SHA-256 and (in S3) version. */
export interface ManifestLink {
  readonly key: string;
  readonly sha256: string;
  readonly versionId?: string;
}

/**
 * The SHA-256 (and S3 version) of every object of one run. Manifests are numbered per case and
 * each names the one before it, so the runs of a case form one hash chain from one root
 * (`previous: null`, sequence 0): changing, replacing or removing any object or manifest breaks
 * verification, and the latest manifest (the chain head) vouches for everything before it.
 */
export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 2;
  readonly caseId: string;
  readonly runId: string;
  /** Position in the case's chain: 0 for the root. */
  readonly sequence: number;
  readonly createdAt: string;
  readonly artifacts: readonly StoredArtifact[];
  readonly previous: ManifestLink | null;
}

/** The latest manifest of a case: publish it outside the bucket to pin the whole chain. */
export interface ChainHead extends ManifestLink {
  readonly caseId: string;
  readonly sequence: number;
  /** The store holding the chain, e.g. `s3://bucket`. */
  readonly location: string;
}

/** `cases/<case>/` — everything filed for a case. */
export function casePrefix(caseId: string): string {
  return `cases/${caseId}/`;
}

/** `cases/<case>/runs/` — where a case's runs live. */
export function caseRunsPrefix(caseId: string): string {
  return `${casePrefix(caseId)}runs/`;
}

/** `cases/<case>/manifests/` — the case's chain, one manifest per position. */
export function caseManifestsPrefix(caseId: string): string {
  return `${casePrefix(caseId)}manifests/`;
}

/** The key of the manifest at `sequence`: `cases/<case>/manifests/000003.json`. */
export function manifestKey(caseId: string, sequence: number): string {
  return `${caseManifestsPrefix(caseId)}${String(sequence).padStart(6, '0')}.json`;
}

const MANIFEST_NAME = /\/manifests\/(\d{6,})\.json$/;

/** The chain position a manifest key names, or undefined for any other key. */
export function manifestSequence(key: string): number | undefined {
  const match = MANIFEST_NAME.exec(key);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** How many times a run re-links after concurrent runs took the next position first. */
const MAX_LINK_ATTEMPTS = 20;

/**
 * The case's latest manifest, or undefined when the case has none. The highest position wins;
 * verification, not this, judges whether the chain below it is sound.
 */
export async function readChainHead(
  store: EvidenceStore,
  caseId: string,
): Promise<ChainHead | undefined> {
  const keys = await store.list(caseManifestsPrefix(caseId));
  const latest = keys
    .map((key) => ({ key, sequence: manifestSequence(key) }))
    .filter((entry): entry is { key: string; sequence: number } => entry.sequence !== undefined)
    .sort((a, b) => a.sequence - b.sequence)
    .pop();
  if (!latest) return undefined;
  const { body, versionId } = isVersionedStore(store)
    ? await store.read(latest.key)
    : { body: await store.get(latest.key), versionId: undefined };
  return {
    caseId,
    key: latest.key,
    sequence: latest.sequence,
    sha256: sha256Hex(body),
    ...(versionId ? { versionId } : {}),
    location: store.location,
  };
}

/**
 * Appends a run's manifest to its case's chain. The manifest's key is its position, written
 * once (`If-None-Match: *`, or an exclusive create in a folder): of two runs that read the same
 * head, exactly one takes the next position; the other is told the key exists, re-reads the head
 * and links after it. Two concurrent runs therefore never fork the chain.
 *
 * @returns the manifest and the new chain head
 */
export async function appendManifest(
  store: EvidenceStore,
  input: {
    readonly caseId: string;
    readonly runId: string;
    readonly artifacts: readonly StoredArtifact[];
    readonly clock: Clock;
  },
): Promise<{ readonly manifest: EvidenceManifest; readonly head: ChainHead }> {
  const encoder = new TextEncoder();
  for (let attempt = 1; ; attempt += 1) {
    const previous = await readChainHead(store, input.caseId);
    const sequence = previous ? previous.sequence + 1 : 0;
    const manifest: EvidenceManifest = {
      format: MANIFEST_FORMAT,
      version: 2,
      caseId: input.caseId,
      runId: input.runId,
      sequence,
      createdAt: input.clock.now().toISOString(),
      artifacts: input.artifacts,
      previous: previous
        ? {
            key: previous.key,
            sha256: previous.sha256,
            ...(previous.versionId ? { versionId: previous.versionId } : {}),
          }
        : null,
    };
    const key = manifestKey(input.caseId, sequence);
    try {
      const stored = await store.put(
        key,
        encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`),
        'application/json',
      );
      return {
        manifest,
        head: {
          caseId: input.caseId,
          key,
          sequence,
          sha256: stored.sha256,
          ...(stored.versionId ? { versionId: stored.versionId } : {}),
          location: store.location,
        },
      };
    } catch (error) {
      if (!(error instanceof EvidenceKeyExistsError) || attempt >= MAX_LINK_ATTEMPTS) throw error;
      // Another run took this position: spread the retries so a crowd does not collide again.
      await sleep(Math.floor(Math.random() * 50 * attempt));
    }
  }
}
