import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile, chmod } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import { PyjamasError } from '../../lib/errors';

/** One file of evidence as stored, with its SHA-256. */
export interface StoredArtifact {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  /** S3 object version, when the store is a versioned bucket. */
  readonly versionId?: string;
}

/**
 * A write refused because the key already holds an object: evidence is write-once, so nothing
 * was changed. The case chain uses it to learn that a concurrent run took a position first.
 */
export class EvidenceKeyExistsError extends PyjamasError {
  override readonly name: string = 'EvidenceKeyExists';

  constructor(
    readonly key: string,
    location: string,
  ) {
    super(`${location}/${key} already exists; evidence objects are written once`);
  }
}

/** Where evidence is written: an object-locked bucket, or a local folder when there is none. */
export interface EvidenceStore {
  /** `s3://bucket` or `file:///path`, for messages and records. */
  readonly location: string;
  /** What protects what the store holds, in words for the record (its Object Lock, its owner). */
  readonly protection?: string;
  /**
   * Writes an object once.
   *
   * @throws EvidenceKeyExistsError when the key already exists: nothing is overwritten
   */
  put(key: string, body: Uint8Array, contentType: string): Promise<StoredArtifact>;
  get(key: string): Promise<Uint8Array>;
  /** Keys under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** One version of an object in a versioned store. */
export interface ObjectVersion {
  readonly key: string;
  readonly versionId: string;
  readonly isLatest: boolean;
  /** A delete marker hides the key from plain reads without removing any version. */
  readonly deleteMarker: boolean;
}

/** A store that keeps every version of every key under a retention: an S3 bucket. */
export interface VersionedEvidenceStore extends EvidenceStore {
  /** Every version and delete marker under `prefix`. */
  listVersions(prefix: string): Promise<ObjectVersion[]>;
  /** The object as stored and the version read. */
  read(
    key: string,
    versionId?: string,
  ): Promise<{ readonly body: Uint8Array; readonly versionId?: string }>;
  /** Object Lock mode and date of one version. */
  retention(
    key: string,
    versionId: string,
  ): Promise<{ readonly mode?: string; readonly retainUntil?: Date }>;
}

/** True for stores that keep versions (S3), whose verification checks every version. */
export function isVersionedStore(store: EvidenceStore): store is VersionedEvidenceStore {
  return 'listVersions' in store && 'read' in store && 'retention' in store;
}

/** The evidence bucket's region, or undefined for a local store. */
export function evidenceBucketRegion(store: EvidenceStore | undefined): string | undefined {
  return store instanceof S3EvidenceStore ? store.region : undefined;
}

/** SHA-256 of `body` as lowercase hex. */
export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** How an {@link S3EvidenceStore} writes. */
export interface S3EvidenceStoreOptions {
  readonly clock: Clock;
  /**
   * The account that must own the bucket. Every call sends it as `ExpectedBucketOwner`, so S3
   * refuses (403) a bucket of the same name owned by anyone else, e.g. one an attacker created
   * after the real one was deleted. moto 5.2.1 ignores the parameter.
   */
  readonly expectedOwner: string;
  /** Per-object COMPLIANCE retention. @default - the bucket's default retention */
  readonly retentionDays?: number;
  /** What was found of the bucket's Object Lock, for the record. */
  readonly objectLock?: string;
  /**
   * The account whose evidence the store holds, when the bucket belongs to another account (the
   * central evidence bucket of an organization). Keys under `cases/` and `scans/` are then
   * stored under `cases/<account>/` and `scans/<account>/`, the only prefixes the module's bucket
   * policy lets that account write or read, and every read and listing takes them back off:
   * responders and manifests use the same keys in an account's own bucket and in the central
   * one, so a case verifies alike in both (`pyjamas evidence verify --account`).
   *
   * @default - keys are stored as given
   */
  readonly account?: string;
}

/** The prefixes that hold one account's evidence in a bucket shared by several accounts. */
export const ACCOUNT_SCOPED_PREFIXES = ['cases/', 'scans/'] as const;

/**
 * Evidence in an S3 bucket. Every object is written once (`If-None-Match: *`: S3 answers 412
 * when the key exists, and the module's bucket policy refuses writes under `cases/` without the
 * condition) with a SHA-256 checksum that S3 verifies on arrival; with `retentionDays`, each
 * object also gets its own COMPLIANCE-mode Object Lock retention (otherwise the bucket's default
 * retention applies).
 */
export class S3EvidenceStore implements VersionedEvidenceStore {
  readonly location: string;
  readonly expectedOwner: string;
  readonly protection: string;
  /** The account whose evidence this is, when it lives under that account's own prefixes. */
  readonly account?: string;

  constructor(
    private readonly aws: AwsClients,
    readonly bucket: string,
    /** The bucket's region: clients and presigned URLs for it must use this region. */
    readonly region: string,
    private readonly options: S3EvidenceStoreOptions,
  ) {
    this.location = `s3://${bucket}`;
    this.expectedOwner = options.expectedOwner;
    if (options.account) this.account = options.account;
    this.protection = [
      options.objectLock ?? 'Object Lock not checked',
      ...(options.account
        ? [
            `account ${options.account}'s evidence under ${ACCOUNT_SCOPED_PREFIXES.map((prefix) => `${prefix}${options.account}/`).join(' and ')}`,
          ]
        : []),
      ...(options.retentionDays
        ? [`each object locked in COMPLIANCE mode for ${options.retentionDays} days`]
        : []),
      `owner ${options.expectedOwner} required on every call (ExpectedBucketOwner)`,
      'objects written once (If-None-Match: *)',
    ].join('; ');
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<StoredArtifact> {
    const sha256 = sha256Hex(body);
    const retainUntil = this.options.retentionDays
      ? new Date(this.options.clock.now().getTime() + this.options.retentionDays * 86_400_000)
      : undefined;
    let answer;
    try {
      answer = await this.s3().send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Body: body,
          ContentType: contentType,
          ExpectedBucketOwner: this.expectedOwner,
          // Write-once: Object Lock protects versions, not keys, so without this anyone who may
          // write the bucket could put a new version on top of an artifact.
          IfNoneMatch: '*',
          // S3 refuses writes that get an Object Lock retention (the bucket default included)
          // unless the request declares a checksum algorithm or carries Content-MD5.
          ChecksumAlgorithm: 'SHA256',
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          ...(retainUntil
            ? { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: retainUntil }
            : {}),
        }),
      );
    } catch (error) {
      // 409 ConditionalRequestConflict: a concurrent write of the same key is in flight.
      if (hasAwsErrorName(error, ['PreconditionFailed', 'ConditionalRequestConflict']))
        throw new EvidenceKeyExistsError(key, this.location);
      throw error;
    }
    return {
      key,
      sha256,
      size: body.byteLength,
      ...(answer.VersionId ? { versionId: answer.VersionId } : {}),
    };
  }

  async get(key: string): Promise<Uint8Array> {
    return (await this.read(key)).body;
  }

  async read(
    key: string,
    versionId?: string,
  ): Promise<{ readonly body: Uint8Array; readonly versionId?: string }> {
    const answer = await this.s3().send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        ExpectedBucketOwner: this.expectedOwner,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
    if (!answer.Body) throw new Error(`evidence object ${key} has no body`);
    const body = await answer.Body.transformToByteArray();
    return { body, ...(answer.VersionId ? { versionId: answer.VersionId } : {}) };
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3() },
      {
        Bucket: this.bucket,
        Prefix: this.objectKey(prefix),
        ExpectedBucketOwner: this.expectedOwner,
      },
    )) {
      for (const object of page.Contents ?? [])
        if (object.Key) keys.push(this.storeKey(object.Key));
    }
    return keys.sort();
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    // The SDK has no paginator for ListObjectVersions: follow the markers.
    for (;;) {
      const page = await this.s3().send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: this.objectKey(prefix),
          ExpectedBucketOwner: this.expectedOwner,
          ...markers,
        }),
      );
      for (const [entries, deleteMarker] of [
        [page.Versions ?? [], false],
        [page.DeleteMarkers ?? [], true],
      ] as const) {
        for (const entry of entries) {
          if (!entry.Key || !entry.VersionId) continue;
          versions.push({
            key: this.storeKey(entry.Key),
            versionId: entry.VersionId,
            isLatest: entry.IsLatest === true,
            deleteMarker,
          });
        }
      }
      if (!page.IsTruncated) break;
      markers = {
        ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}),
        ...(page.NextVersionIdMarker ? { VersionIdMarker: page.NextVersionIdMarker } : {}),
      };
    }
    return versions;
  }

  /**
   * Read with HeadObject rather than GetObjectRetention: HeadObject answers with the mode and
   * date of the version, needs only s3:GetObject(Version), and moto 5.2.1's GetObjectRetention
   * does not answer for objects locked by the bucket's default retention.
   */
  async retention(
    key: string,
    versionId: string,
  ): Promise<{ readonly mode?: string; readonly retainUntil?: Date }> {
    const answer = await this.s3().send(
      new HeadObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        VersionId: versionId,
        ExpectedBucketOwner: this.expectedOwner,
      }),
    );
    return {
      ...(answer.ObjectLockMode ? { mode: answer.ObjectLockMode } : {}),
      ...(answer.ObjectLockRetainUntilDate
        ? { retainUntil: answer.ObjectLockRetainUntilDate }
        : {}),
    };
  }

  /**
   * The S3 key of a store key: `cases/<case>/…` becomes `cases/<account>/<case>/…` when the store
   * holds one account's evidence in a shared bucket.
   *
   * @throws Error for a key outside {@link ACCOUNT_SCOPED_PREFIXES} in such a store, which the
   *   bucket policy would refuse anyway
   */
  objectKey(key: string): string {
    const { account } = this;
    if (!account) return key;
    const prefix = ACCOUNT_SCOPED_PREFIXES.find((candidate) => key.startsWith(candidate));
    if (!prefix)
      throw new Error(
        `evidence key ${JSON.stringify(key)} is outside ${ACCOUNT_SCOPED_PREFIXES.join(' and ')}, the only prefixes account ${account} has in ${this.location}`,
      );
    return `${prefix}${account}/${key.slice(prefix.length)}`;
  }

  /** The store key of an S3 key that {@link objectKey} made. */
  private storeKey(objectKey: string): string {
    const { account } = this;
    if (!account) return objectKey;
    for (const prefix of ACCOUNT_SCOPED_PREFIXES) {
      const own = `${prefix}${account}/`;
      if (objectKey.startsWith(own)) return `${prefix}${objectKey.slice(own.length)}`;
    }
    return objectKey;
  }

  private s3(): S3Client {
    return this.aws.get(S3Client, this.region);
  }
}

/** The key under which `store` holds a store key, e.g. `cases/<account>/<case>/…`, for people to find it. */
export function storedKey(store: EvidenceStore, key: string): string {
  return store instanceof S3EvidenceStore ? store.objectKey(key) : key;
}

/**
 * Evidence in a local folder: for runs told `--no-evidence-bucket`, and where the record is
 * kept when the evidence bucket refuses it. Files are created exclusively (write-once) and made
 * read-only, which deters accidents but is no Object Lock: copy them to immutable storage.
 */
export class LocalEvidenceStore implements EvidenceStore {
  readonly location: string;
  readonly protection =
    'a local folder: files created once and made read-only, but under no Object Lock';

  constructor(private readonly root: string) {
    this.location = `file://${root}`;
  }

  async put(key: string, body: Uint8Array, _contentType?: string): Promise<StoredArtifact> {
    const path = join(this.root, ...key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, body, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new EvidenceKeyExistsError(key, this.location);
      throw error;
    }
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
