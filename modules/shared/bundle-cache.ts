import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** What a cached bundle was built from, and what it holds. */
interface BundleManifest {
  /** Hash of everything that decides the output besides the input files' content. */
  readonly key: string;
  /** Every file esbuild read, as `[path from the working directory, size, mtime in ms]`. */
  readonly inputs: readonly (readonly [string, number, number])[];
  /** SHA-256 of the bundle's `index.js`, checked before it is reused. */
  readonly sha256: string;
}

/** How one bundle is made: the inputs it read, relative to `workingDirectory`. */
export interface BundleBuild {
  /** Everything besides the input files that decides the output (esbuild version, options, entry). */
  readonly key: string;
  readonly workingDirectory: string;
  /**
   * Writes `index.js` into `folder` and returns the paths esbuild read (its metafile's inputs).
   */
  readonly build: (folder: string) => string[];
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function signature(workingDirectory: string, path: string): [string, number, number] {
  const stat = statSync(isAbsolute(path) ? path : join(workingDirectory, path));
  return [path, stat.size, stat.mtimeMs];
}

/** The cached folder when its inputs are unchanged and its `index.js` is the one recorded. */
function reusable(entry: string, wanted: Omit<BundleBuild, 'build'>): string | undefined {
  const manifestPath = join(entry, 'manifest.json');
  const folder = join(entry, 'bundle');
  if (!existsSync(manifestPath)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
    if (manifest.key !== wanted.key) return undefined;
    for (const [path, size, mtimeMs] of manifest.inputs) {
      const [, nowSize, nowMtime] = signature(wanted.workingDirectory, path);
      if (nowSize !== size || nowMtime !== mtimeMs) return undefined;
    }
    if (sha256(readFileSync(join(folder, 'index.js'))) !== manifest.sha256) return undefined;
    return folder;
  } catch {
    // A missing input, a half-written manifest: build again.
    return undefined;
  }
}

/** The cached bundle folder of `build` when it can be reused as it is, without building. */
export function findCachedBundle(
  cacheDirectory: string,
  build: Omit<BundleBuild, 'build'>,
): string | undefined {
  return reusable(entryFolder(cacheDirectory, build), build);
}

function entryFolder(cacheDirectory: string, build: Pick<BundleBuild, 'key'>): string {
  return join(cacheDirectory, sha256(build.key).slice(0, 32));
}

/**
 * A bundle folder (`index.js` and what the build writes beside it, since Terraform assets hash
 * the whole folder) from
 * `cacheDirectory` when none of the files esbuild read last time changed size or modification
 * time, else built anew and cached. esbuild's bundle of the AWS SDK takes seconds per entry and
 * every synth, test and `cdktf` run otherwise repeats it. Concurrent processes each build into
 * a folder of their own and the first one to finish is what the next run finds.
 */
export function cachedBundle(cacheDirectory: string, build: BundleBuild): string {
  const entry = entryFolder(cacheDirectory, build);
  const found = reusable(entry, build);
  if (found) return found;
  const staging = `${entry}.${randomUUID()}`;
  const folder = join(staging, 'bundle');
  mkdirSync(folder, { recursive: true });
  const inputs = build.build(folder);
  const manifest: BundleManifest = {
    key: build.key,
    inputs: inputs.map((path) => signature(build.workingDirectory, path)),
    sha256: sha256(readFileSync(join(folder, 'index.js'))),
  };
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
  // A folder another process may be reading (zipping it into an asset) is never replaced: the
  // rename fails onto a folder that exists, and only a stale copy is removed first.
  if (existsSync(entry) && !reusable(entry, build)) rmSync(entry, { recursive: true, force: true });
  try {
    renameSync(staging, entry);
    return join(entry, 'bundle');
  } catch {
    // Another process put its copy there first: this one's is as good.
    return folder;
  }
}
