import {
  MANIFEST_FORMAT,
  caseRunsPrefix,
  sha256Hex,
  type EvidenceManifest,
  type EvidenceStore,
} from './evidence';

/** The outcome of re-hashing a case's evidence. */
export interface CaseVerification {
  readonly caseId: string;
  readonly location: string;
  readonly manifests: number;
  readonly artifacts: number;
  /** Each artifact or link that failed, in words; empty when everything matches. */
  readonly problems: readonly string[];
  /** Objects under the case that no manifest covers (e.g. a run that stopped before its manifest). */
  readonly unlisted: readonly string[];
  readonly ok: boolean;
}

/**
 * Recomputes the SHA-256 of every object listed in every manifest of a case and checks each
 * manifest's link to the previous one.
 */
export async function verifyCaseEvidence(
  store: EvidenceStore,
  caseId: string,
): Promise<CaseVerification> {
  const keys = await store.list(caseRunsPrefix(caseId));
  const manifestKeys = keys.filter((key) => key.endsWith('/manifest.json'));
  const problems: string[] = [];
  const listed = new Set<string>(manifestKeys);
  let artifacts = 0;

  for (const manifestKey of manifestKeys) {
    let manifest: EvidenceManifest;
    try {
      manifest = JSON.parse(
        new TextDecoder().decode(await store.get(manifestKey)),
      ) as EvidenceManifest;
      if (manifest.format !== MANIFEST_FORMAT)
        throw new Error(`format is not ${String(MANIFEST_FORMAT)}`);
    } catch (error) {
      problems.push(`${manifestKey} is not a readable manifest (${(error as Error).message})`);
      continue;
    }
    for (const artifact of manifest.artifacts) {
      listed.add(artifact.key);
      artifacts += 1;
      const body = await store.get(artifact.key).catch(() => undefined);
      if (!body) problems.push(`${artifact.key} is missing`);
      else if (sha256Hex(body) !== artifact.sha256)
        problems.push(`${artifact.key} does not match its SHA-256 in ${manifestKey}`);
    }
    if (manifest.previous) {
      const previous = await store.get(manifest.previous.key).catch(() => undefined);
      if (!previous)
        problems.push(`${manifestKey} links to ${manifest.previous.key}, which is missing`);
      else if (sha256Hex(previous) !== manifest.previous.sha256) {
        problems.push(`${manifest.previous.key} changed after ${manifestKey} recorded its SHA-256`);
      }
    }
  }
  if (manifestKeys.length === 0)
    problems.push(`no evidence manifest found for case ${caseId} in ${store.location}`);
  const unlisted = keys.filter((key) => !listed.has(key));
  return {
    caseId,
    location: store.location,
    manifests: manifestKeys.length,
    artifacts,
    problems,
    unlisted,
    ok: problems.length === 0,
  };
}
