import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { buildSync, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import { packageRoot } from '../../lib/package-root';
import { BUNDLED_CATALOGUE_FOLDER, writeCatalogueCopy } from '../../scanner/iam/catalogue-files';
import { cachedBundle, findCachedBundle, type BundleBuild } from './bundle-cache';

/** The catalogue reader, as esbuild names it among a bundle's inputs. */
const CATALOGUE_SOURCE = 'scanner/iam/catalogue.ts';

/** A Lambda entry point of Pyjamas: a source file whose exports are handlers. */
export interface LambdaEntry {
  /** Short name: the bundle's folder and the asset's construct id. */
  readonly name: string;
  /** Path of the TypeScript entry point from the package root, e.g. `responders/isolate-ec2-instance/handler.ts`. */
  readonly path: string;
}

/** The Lambda entry points the module deploys. */
export const LAMBDA_ENTRIES = {
  isolateEc2Instance: {
    name: 'isolate-ec2-instance',
    path: 'responders/isolate-ec2-instance/handler.ts',
  },
  revokeAccessKey: { name: 'revoke-access-key', path: 'responders/revoke-access-key/handler.ts' },
  scheduledScan: { name: 'scheduled-scan', path: 'scanner/scheduled/handler.ts' },
} as const satisfies Record<string, LambdaEntry>;

/**
 * Lambda runtimes the module deploys on, with the esbuild target of each. Only runtimes that
 * Lambda still lets new functions be created on belong here, and only those the pinned AWS
 * provider (5.100.0) accepts: its newest Node.js runtime is nodejs22.x. nodejs20.x left on
 * 2026-04-30, when Node.js 20 reached end of life.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const LAMBDA_RUNTIMES = { 'nodejs22.x': 'node22' } as const;

/** A Lambda runtime of {@link LAMBDA_RUNTIMES}. */
export type LambdaRuntime = keyof typeof LAMBDA_RUNTIMES;

/** The runtime every function gets unless told otherwise: the newest one the provider accepts. */
export const DEFAULT_LAMBDA_RUNTIME: LambdaRuntime = 'nodejs22.x';

/**
 * How every function is bundled: one minified CommonJS file for the function's runtime, with the
 * AWS SDK v3 inside rather than the runtime's copy, so that the clients are the versions the
 * tests ran against. `module` before `main` picks the SDK's ES module builds, which esbuild
 * tree-shakes to half the size and half the cold-start import time of the CommonJS builds.
 * `keepNames` keeps class names, which the client factory keys its cache by.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: LAMBDA_RUNTIMES[DEFAULT_LAMBDA_RUNTIME],
  format: 'cjs',
  minify: true,
  keepNames: true,
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'error',
};

/**
 * Zip entries carry modification times: a fixed one keeps the archive, and so the function's
 * code hash, the same from one synth to the next when the code did not change.
 */
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * Where bundles are cached between processes: `.tmp/bundles` of the package, a folder of the
 * package's owner (a bundle planted in a shared temporary folder would be deployed as Lambda
 * code). Delete it to force a rebuild.
 */
export function bundleCacheDirectory(): string {
  if (cacheDirectory) return cacheDirectory;
  const inPackage = join(packageRoot(), '.tmp', 'bundles');
  try {
    mkdirSync(inPackage, { recursive: true });
    accessSync(inPackage, constants.W_OK);
    cacheDirectory = inPackage;
  } catch {
    // An installed package may sit in a folder the user cannot write: bundle into a private
    // folder of this process instead (mkdtemp's is the user's alone), reused by no other run.
    const own = mkdtempSync(join(tmpdir(), 'pyjamas-bundles-'));
    process.once('exit', () => rmSync(own, { recursive: true, force: true }));
    cacheDirectory = own;
  }
  return cacheDirectory;
}

let cacheDirectory: string | undefined;

const bundled = new Map<string, string>();

/** The cache identity of an entry's bundle: everything besides its inputs that decides it. */
function bundleBuildOf(entry: LambdaEntry, runtime: LambdaRuntime): Omit<BundleBuild, 'build'> {
  const workingDirectory = packageRoot();
  const options: BuildOptions = {
    ...BUNDLE_OPTIONS,
    target: LAMBDA_RUNTIMES[runtime],
    absWorkingDir: workingDirectory,
    entryPoints: [entry.path],
  };
  return {
    key: JSON.stringify({ esbuild: esbuildVersion, options, workingDirectory }),
    workingDirectory,
  };
}

/**
 * The files a build of `entry` alone would read: those reachable from it through the import
 * graph of the metafile (checked equal to a single build's `metafile.inputs`). A batch's
 * per-output `inputs` would not do: they leave out files that contribute no bytes, whose change
 * may still change the bundle.
 */
function inputsOf(metafile: Metafile, entry: string): string[] {
  const seen = new Set([entry]);
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    for (const imported of metafile.inputs[path]?.imports ?? []) {
      if (imported.external || !(imported.path in metafile.inputs) || seen.has(imported.path))
        continue;
      seen.add(imported.path);
      pending.push(imported.path);
    }
  }
  return [...seen];
}

/**
 * Bundles an entry into a folder holding `index.js` (and the IAM catalogue when the code reads
 * it) and returns the folder: once per process, and reused across processes while none of the
 * files esbuild read changed ({@link cachedBundle}). When it must be built, every Lambda entry
 * whose bundle is also out of date is built with it in one esbuild run: the entries share most
 * of their inputs (the AWS SDK), which one run parses once. Each output is the same file a build
 * of its entry alone writes, and each entry is cached with the files it alone reads.
 */
export function bundleLambda(
  entry: LambdaEntry,
  runtime: LambdaRuntime = DEFAULT_LAMBDA_RUNTIME,
): string {
  const cacheKeyOf = (candidate: LambdaEntry) => `${candidate.path} ${runtime}`;
  const known = bundled.get(cacheKeyOf(entry));
  if (known) return known;
  const directory = bundleCacheDirectory();
  const cached = findCachedBundle(directory, bundleBuildOf(entry, runtime));
  if (cached) {
    bundled.set(cacheKeyOf(entry), cached);
    return cached;
  }
  const stale = [
    entry,
    ...Object.values(LAMBDA_ENTRIES).filter(
      (other) =>
        other.path !== entry.path &&
        !bundled.has(cacheKeyOf(other)) &&
        !findCachedBundle(directory, bundleBuildOf(other, runtime)),
    ),
  ];
  const workingDirectory = packageRoot();
  const outdir = mkdtempSync(join(directory, 'batch-'));
  try {
    const { metafile } = buildSync({
      ...BUNDLE_OPTIONS,
      target: LAMBDA_RUNTIMES[runtime],
      absWorkingDir: workingDirectory,
      entryPoints: stale.map((each) => ({ in: each.path, out: each.name })),
      outdir,
      metafile: true,
    });
    for (const each of stale) {
      const inputs = inputsOf(metafile, each.path);
      const folder = cachedBundle(directory, {
        ...bundleBuildOf(each, runtime),
        build: (into) => {
          const outfile = join(into, 'index.js');
          copyFileSync(join(outdir, `${each.name}.js`), outfile);
          // The IAM catalogue is JSON read from disk by service, which esbuild cannot inline; a
          // function that evaluates permissions gets its copy beside index.js.
          const catalogue = inputs.includes(CATALOGUE_SOURCE)
            ? writeCatalogueCopy(join(into, BUNDLED_CATALOGUE_FOLDER))
            : [];
          for (const file of [outfile, ...catalogue]) utimesSync(file, FIXED_MTIME, FIXED_MTIME);
          return inputs;
        },
      });
      bundled.set(cacheKeyOf(each), folder);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  return bundled.get(cacheKeyOf(entry)) as string;
}

const assets = new WeakMap<TerraformStack, Map<string, TerraformAsset>>();

/**
 * The zip archive of an entry's bundle as a Terraform asset, one per stack and runtime however
 * many functions and regions use it: the asset lives at the stack's root under `bundle-<name>`.
 */
export function lambdaAsset(
  scope: Construct,
  entry: LambdaEntry,
  runtime: LambdaRuntime = DEFAULT_LAMBDA_RUNTIME,
): TerraformAsset {
  const stack = TerraformStack.of(scope);
  let known = assets.get(stack);
  if (!known) {
    known = new Map();
    assets.set(stack, known);
  }
  // The default runtime keeps the asset id it always had, so existing stacks see no change.
  const assetId =
    runtime === DEFAULT_LAMBDA_RUNTIME
      ? `bundle-${entry.name}`
      : ['bundle', entry.name, runtime as string].join('-');
  const existing = known.get(assetId);
  if (existing) return existing;
  const asset = new TerraformAsset(stack, assetId, {
    path: bundleLambda(entry, runtime),
    type: AssetType.ARCHIVE,
  });
  known.set(assetId, asset);
  return asset;
}
