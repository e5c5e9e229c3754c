import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { packageRoot } from '../../lib/package-root';
import { BUNDLED_CATALOGUE_FOLDER, writeCatalogueCopy } from '../../scanner/iam/catalogue-files';
import { cachedBundle } from './bundle-cache';

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

/**
 * Bundles an entry into a folder holding `index.js` (and the IAM catalogue when the code reads
 * it) and returns the folder: once per process, and reused across processes while none of the
 * files esbuild read changed ({@link cachedBundle}).
 */
export function bundleLambda(
  entry: LambdaEntry,
  runtime: LambdaRuntime = DEFAULT_LAMBDA_RUNTIME,
): string {
  const cacheKey = `${entry.path} ${runtime}`;
  const known = bundled.get(cacheKey);
  if (known) return known;
  const workingDirectory = packageRoot();
  const options: BuildOptions = {
    ...BUNDLE_OPTIONS,
    target: LAMBDA_RUNTIMES[runtime],
    absWorkingDir: workingDirectory,
    entryPoints: [entry.path],
  };
  const folder = cachedBundle(bundleCacheDirectory(), {
    key: JSON.stringify({ esbuild: esbuildVersion, options, workingDirectory }),
    workingDirectory,
    build: (into) => {
      const outfile = join(into, 'index.js');
      const result = buildSync({ ...options, outfile, metafile: true });
      const inputs = Object.keys(result.metafile.inputs);
      // The IAM catalogue is JSON read from disk by service, which esbuild cannot inline; a
      // function that evaluates permissions gets its copy beside index.js.
      const catalogue = inputs.includes(CATALOGUE_SOURCE)
        ? writeCatalogueCopy(join(into, BUNDLED_CATALOGUE_FOLDER))
        : [];
      for (const file of [outfile, ...catalogue]) utimesSync(file, FIXED_MTIME, FIXED_MTIME);
      return inputs;
    },
  });
  bundled.set(cacheKey, folder);
  return folder;
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
