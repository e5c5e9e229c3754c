import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile, chmod } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import type { RunRecord } from './record';

/** One file of evidence as stored, with its SHA-256. */
export interface StoredArtifact {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  /** S3 object version, when the store is a versioned bucket. */
  readonly versionId?: string;
}

/** Where evidence is written: an object-locked bucket, or a local folder when there is none. */
export interface EvidenceStore {
  /** `s3://bucket` or `file:///path`, for messages and records. */
  readonly location: string;
  put(key: string, body: Uint8Array, contentType: string): Promise<StoredArtifact>;
  get(key: string): Promise<Uint8Array>;
  /** Keys under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** The evidence bucket's region, or undefined for a local store. */
export function evidenceBucketRegion(store: EvidenceStore | undefined): string | undefined {
  return store instanceof S3EvidenceStore ? store.region : undefined;
}

/** SHA-256 of `body` as lowercase hex. */
export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Evidence in an S3 bucket. Every object is uploaded with a SHA-256 checksum that S3 verifies
 * on arrival; with `retentionDays`, each object also gets its own COMPLIANCE-mode Object Lock
 * retention (otherwise the bucket's default retention applies).
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly location: string;

  constructor(
    private readonly aws: AwsClients,
    readonly bucket: string,
    /** The bucket's region: clients and presigned URLs for it must use this region. */
    readonly region: string,
    private readonly options: { readonly clock: Clock; readonly retentionDays?: number },
  ) {
    this.location = `s3://${bucket}`;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<StoredArtifact> {
    const sha256 = sha256Hex(body);
    const retainUntil = this.options.retentionDays
      ? new Date(this.options.clock.now().getTime() + this.options.retentionDays * 86_400_000)
      : undefined;
    const answer = await this.s3().send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        // S3 refuses writes that get an Object Lock retention (the bucket default included)
        // unless the request declares a checksum algorithm or carries Content-MD5.
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        ...(retainUntil
          ? { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: retainUntil }
          : {}),
      }),
    );
    return {
      key,
      sha256,
      size: body.byteLength,
      ...(answer.VersionId ? { versionId: answer.VersionId } : {}),
    };
  }

  async get(key: string): Promise<Uint8Array> {
    const answer = await this.s3().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!answer.Body) throw new Error(`evidence object ${key} has no body`);
    return answer.Body.transformToByteArray();
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3() },
      { Bucket: this.bucket, Prefix: prefix },
    )) {
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    }
    return keys.sort();
  }

  private s3(): S3Client {
    return this.aws.get(S3Client, this.region);
  }
}

/**
 * Evidence in a local folder, for runs told `--no-evidence-bucket`. Files are made read-only,
 * which deters accidents but is no Object Lock: copy them to immutable storage.
 */
export class LocalEvidenceStore implements EvidenceStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = `file://${root}`;
  }

  async put(key: string, body: Uint8Array, _contentType?: string): Promise<StoredArtifact> {
    const path = join(this.root, ...key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body, { flag: 'wx' });
    await chmod(path, 0o444);
    return { key, sha256: sha256Hex(body), size: body.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(join(this.root, ...key.split('/'))));
  }

  async list(prefix: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else found.push(relative(this.root, path).split(sep).join('/'));
      }
    };
    await walk(this.root);
    return found.filter((key) => key.startsWith(prefix)).sort();
  }
}

/** An artifact to file with a run, e.g. the target's pre-state or its console output. */
export interface Artifact {
  /** File name inside the run's folder, e.g. `pre-state.json`. */
  readonly name: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
}

/** Marks evidence manifests. */
export const MANIFEST_FORMAT = 'pyjamas-evidence-manifest';

/**
 * The SHA-256 of every object of one run, written last. Each manifest names the case's previous
 * manifest and its hash, so the runs of a case form a hash chain: changing or removing any
 * earlier object or manifest breaks verification.
 */
export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly caseId: string;
  readonly runId: string;
  readonly createdAt: string;
  readonly artifacts: readonly StoredArtifact[];
  readonly previous: { readonly key: string; readonly sha256: string } | null;
}

/** `cases/<case>/runs/` — where a case's runs live. */
export function caseRunsPrefix(caseId: string): string {
  return `cases/${caseId}/runs/`;
}

/**
 * Files a run: its artifacts, its run record, then its manifest (last, so a manifest only
 * exists for complete runs).
 *
 * @returns the manifest's key and content
 */
export async function writeRunEvidence(
  store: EvidenceStore,
  input: {
    readonly record: RunRecord;
    readonly artifacts: readonly Artifact[];
    readonly clock: Clock;
  },
): Promise<{ readonly manifestKey: string; readonly manifest: EvidenceManifest }> {
  const { record } = input;
  const runPrefix = `${caseRunsPrefix(record.caseId)}${record.runId}/`;
  const encoder = new TextEncoder();
  const stored: StoredArtifact[] = [];
  for (const artifact of input.artifacts) {
    const body = typeof artifact.body === 'string' ? encoder.encode(artifact.body) : artifact.body;
    stored.push(
      await store.put(`${runPrefix}artifacts/${artifact.name}`, body, artifact.contentType),
    );
  }
  stored.push(
    await store.put(
      `${runPrefix}run-record.json`,
      encoder.encode(`${JSON.stringify(record, null, 2)}\n`),
      'application/json',
    ),
  );

  const previousKey = (await store.list(caseRunsPrefix(record.caseId)))
    .filter((key) => key.endsWith('/manifest.json') && !key.startsWith(runPrefix))
    .pop();
  const previous = previousKey
    ? { key: previousKey, sha256: sha256Hex(await store.get(previousKey)) }
    : null;
  const manifest: EvidenceManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    caseId: record.caseId,
    runId: record.runId,
    createdAt: input.clock.now().toISOString(),
    artifacts: stored,
    previous,
  };
  const manifestKey = `${runPrefix}manifest.json`;
  await store.put(
    manifestKey,
    encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'application/json',
  );
  return { manifestKey, manifest };
}
