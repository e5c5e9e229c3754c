import { describeAwsError } from '../../lib/aws/errors';
import {
  MANIFEST_FORMAT,
  caseManifestsPrefix,
  casePrefix,
  manifestSequence,
  type EvidenceManifest,
  type ManifestLink,
} from './custody-chain';
import {
  isVersionedStore,
  sha256Hex,
  type EvidenceStore,
  type ObjectVersion,
  type StoredArtifact,
  type VersionedEvidenceStore,
} from './evidence';

/** The outcome of re-checking a case's evidence. */
export interface CaseVerification {
  readonly caseId: string;
  readonly location: string;
  readonly manifests: number;
  readonly artifacts: number;
  /** The end of the chain, when the manifests form one; compare it with the published head. */
  readonly head?: ManifestLink & { readonly sequence: number };
  /** Each artifact, version, retention or link that failed, in words; empty when all is sound. */
  readonly problems: readonly string[];
  /**
   * Objects under the case that no manifest covers: a run that stopped before its manifest, a
   * memory image still uploading, or something nobody filed.
   */
  readonly unlisted: readonly string[];
  readonly ok: boolean;
}

/** What to check besides the case's own consistency. */
export interface VerifyOptions {
  /** The chain head's SHA-256 as published at the time (CLI output, notice): the chain must end there. */
  readonly expectHead?: string;
  /** Retention must last beyond this time. @default - now */
  readonly now?: Date;
}

/** One manifest as read, with the version read and its own bytes' hash. */
interface ReadManifest {
  readonly key: string;
  readonly sequence: number;
  readonly sha256: string;
  readonly versionId?: string;
  readonly manifest: EvidenceManifest;
}

/**
 * Re-checks a case: every object that a manifest lists has exactly the version recorded (in S3:
 * one version, no delete marker, COMPLIANCE retention still running) and the SHA-256 recorded;
 * the manifests form one linear chain from one root, each linking the previous one by key,
 * SHA-256 and version; and, when given, the chain ends at the head published at the time. Forks,
 * extra versions and objects no manifest covers are reported by name.
 */
export async function verifyCaseEvidence(
  store: EvidenceStore,
  caseId: string,
  options: VerifyOptions = {},
): Promise<CaseVerification> {
  const now = options.now ?? new Date();
  const problems: string[] = [];
  const versioned = isVersionedStore(store) ? store : undefined;
  const versions = versioned ? await versionsByKey(versioned, casePrefix(caseId)) : undefined;
  const keys = versions ? [...versions.keys()].sort() : await store.list(casePrefix(caseId));
  if (versions) problems.push(...versionProblems(versions));

  const manifestKeys: string[] = [];
  for (const key of keys.filter((candidate) => candidate.startsWith(caseManifestsPrefix(caseId)))) {
    if (manifestSequence(key) === undefined)
      problems.push(`${key} is among the manifests but names no chain position`);
    else manifestKeys.push(key);
  }
  const manifests: ReadManifest[] = [];
  for (const key of manifestKeys) {
    const read = await readManifest(store, versioned, versions, key, caseId);
    if (typeof read === 'string') problems.push(read);
    else manifests.push(read);
  }

  const covered = new Set<string>(manifestKeys);
  let artifacts = 0;
  for (const { key, manifest } of manifests) {
    for (const artifact of manifest.artifacts) {
      covered.add(artifact.key);
      artifacts += 1;
      problems.push(...(await artifactProblems(store, versioned, versions, artifact, key, now)));
    }
  }
  if (versioned) {
    for (const read of manifests) {
      if (read.versionId)
        problems.push(...(await retentionProblems(versioned, read.key, read.versionId, now)));
    }
  }

  const chain = checkChain(manifests);
  problems.push(...chain.problems);
  if (manifestKeys.length === 0)
    problems.push(`no evidence manifest found for case ${caseId} in ${store.location}`);
  if (options.expectHead !== undefined)
    problems.push(...headProblems(options.expectHead, chain.head, manifests));

  const unlisted = keys.filter((key) => !covered.has(key));
  return {
    caseId,
    location: store.location,
    manifests: manifestKeys.length,
    artifacts,
    ...(chain.head
      ? {
          head: {
            key: chain.head.key,
            sha256: chain.head.sha256,
            sequence: chain.head.sequence,
            ...(chain.head.versionId ? { versionId: chain.head.versionId } : {}),
          },
        }
      : {}),
    problems,
    unlisted,
    ok: problems.length === 0,
  };
}

async function versionsByKey(
  store: VersionedEvidenceStore,
  prefix: string,
): Promise<Map<string, ObjectVersion[]>> {
  const byKey = new Map<string, ObjectVersion[]>();
  for (const version of await store.listVersions(prefix)) {
    byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);
  }
  return byKey;
}

/** Evidence is written once: a second version or a delete marker means someone wrote over it. */
function versionProblems(versions: Map<string, ObjectVersion[]>): string[] {
  const problems: string[] = [];
  for (const [key, entries] of [...versions.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const markers = entries.filter((entry) => entry.deleteMarker);
    const objects = entries.filter((entry) => !entry.deleteMarker);
    if (markers.length > 0)
      problems.push(
        `${key} is hidden by a delete marker (${markers.map((entry) => entry.versionId).join(', ')})`,
      );
    if (objects.length > 1)
      problems.push(
        `${key} has ${objects.length} versions (${objects.map((entry) => entry.versionId).join(', ')}): it was written over after it was filed`,
      );
  }
  return problems;
}

/** The first version written of a key: the one filed, whatever was put on top of it. */
function originalVersion(entries: readonly ObjectVersion[] | undefined): string | undefined {
  return entries?.filter((entry) => !entry.deleteMarker).pop()?.versionId;
}

async function readManifest(
  store: EvidenceStore,
  versioned: VersionedEvidenceStore | undefined,
  versions: Map<string, ObjectVersion[]> | undefined,
  key: string,
  caseId: string,
): Promise<ReadManifest | string> {
  try {
    const versionId = originalVersion(versions?.get(key));
    const body = versioned ? (await versioned.read(key, versionId)).body : await store.get(key);
    const manifest = JSON.parse(new TextDecoder().decode(body)) as EvidenceManifest;
    const sequence = manifestSequence(key) as number;
    if (manifest.format !== MANIFEST_FORMAT)
      return `${key} is not an evidence manifest (format is not pyjamas-evidence-manifest)`;
    if (manifest.sequence !== sequence)
      return `${key} says it is position ${String(manifest.sequence)}, not ${sequence}`;
    if (manifest.caseId !== caseId) return `${key} belongs to case ${String(manifest.caseId)}`;
    return {
      key,
      sequence,
      sha256: sha256Hex(body),
      ...(versionId ? { versionId } : {}),
      manifest,
    };
  } catch (error) {
    return `${key} is not a readable manifest (${describeAwsError(error)})`;
  }
}

async function artifactProblems(
  store: EvidenceStore,
  versioned: VersionedEvidenceStore | undefined,
  versions: Map<string, ObjectVersion[]> | undefined,
  artifact: StoredArtifact,
  manifestKey: string,
  now: Date,
): Promise<string[]> {
  let body: Uint8Array | undefined;
  if (versioned && versions) {
    const entries = (versions.get(artifact.key) ?? []).filter((entry) => !entry.deleteMarker);
    if (entries.length === 0) return [`${artifact.key} is missing`];
    if (!artifact.versionId)
      return [
        `${manifestKey} records no version of ${artifact.key}, so its version cannot be checked`,
      ];
    if (!entries.some((entry) => entry.versionId === artifact.versionId))
      return [
        `${artifact.key} version ${artifact.versionId}, recorded in ${manifestKey}, is gone (found ${entries.map((entry) => entry.versionId).join(', ')})`,
      ];
    body = await versioned
      .read(artifact.key, artifact.versionId)
      .then((read) => read.body)
      .catch(() => undefined);
  } else {
    body = await store.get(artifact.key).catch(() => undefined);
  }
  if (!body) return [`${artifact.key} is missing`];
  const problems: string[] = [];
  if (sha256Hex(body) !== artifact.sha256)
    problems.push(`${artifact.key} does not match its SHA-256 in ${manifestKey}`);
  if (versioned && artifact.versionId)
    problems.push(...(await retentionProblems(versioned, artifact.key, artifact.versionId, now)));
  return problems;
}

async function retentionProblems(
  store: VersionedEvidenceStore,
  key: string,
  versionId: string,
  now: Date,
): Promise<string[]> {
  try {
    const { mode, retainUntil } = await store.retention(key, versionId);
    if (mode !== 'COMPLIANCE')
      return [`${key} is not under COMPLIANCE retention (${mode ?? 'no retention'})`];
    if (!retainUntil || retainUntil.getTime() <= now.getTime())
      return [
        `${key}'s COMPLIANCE retention has ended (${retainUntil?.toISOString() ?? 'no date'})`,
      ];
    return [];
  } catch (error) {
    return [`${key}'s retention could not be read (${describeAwsError(error)})`];
  }
}

/** One root, one successor per manifest, every link's hash and version as recorded. */
function checkChain(manifests: readonly ReadManifest[]): {
  readonly problems: string[];
  readonly head?: ReadManifest;
} {
  const problems: string[] = [];
  const byKey = new Map(manifests.map((read) => [read.key, read]));
  const roots = manifests.filter((read) => read.manifest.previous === null);
  const successors = new Map<string, ReadManifest[]>();
  for (const read of manifests) {
    const link = read.manifest.previous;
    if (!link) continue;
    successors.set(link.key, [...(successors.get(link.key) ?? []), read]);
    const previous = byKey.get(link.key);
    if (!previous) {
      problems.push(`${read.key} links to ${link.key}, which is missing`);
      continue;
    }
    if (previous.sha256 !== link.sha256)
      problems.push(`${link.key} changed after ${read.key} recorded its SHA-256`);
    if (link.versionId && previous.versionId && link.versionId !== previous.versionId)
      problems.push(
        `${read.key} links to version ${link.versionId} of ${link.key}, but the filed version is ${previous.versionId}`,
      );
    if (previous.sequence !== read.sequence - 1)
      problems.push(`${read.key} links to ${link.key}, which is not the position before it`);
  }
  for (const [key, next] of successors) {
    if (next.length > 1)
      problems.push(
        `the chain forks after ${key}: ${next.map((read) => read.key).join(' and ')} both follow it`,
      );
  }
  if (manifests.length > 0 && roots.length !== 1)
    problems.push(
      roots.length === 0
        ? 'the chain has no root: no manifest starts it'
        : `the chain has ${roots.length} roots: ${roots.map((read) => read.key).join(', ')}`,
    );
  const [root] = roots;
  if (!root || problems.length > 0) return { problems };
  const reached = new Set<string>([root.key]);
  let head = root;
  for (let next = successors.get(root.key)?.[0]; next; next = successors.get(next.key)?.[0]) {
    reached.add(next.key);
    head = next;
  }
  for (const read of manifests) {
    if (!reached.has(read.key)) problems.push(`${read.key} is not on the chain from ${root.key}`);
  }
  return problems.length > 0 ? { problems } : { problems, head };
}

function headProblems(
  expected: string,
  head: ReadManifest | undefined,
  manifests: readonly ReadManifest[],
): string[] {
  const wanted = expected.toLowerCase();
  if (head?.sha256 === wanted) return [];
  const earlier = manifests.find((read) => read.sha256 === wanted);
  const ending = head
    ? `the chain ends at ${head.key} (SHA-256 ${head.sha256})`
    : 'the manifests form no single chain';
  return [
    earlier && head
      ? `${ending}, not at the expected head ${wanted}: that is ${earlier.key}, and ${head.sequence - earlier.sequence} manifest(s) were added after it`
      : `${ending}, not at the expected head ${wanted}, which no manifest of the case has`,
  ];
}
