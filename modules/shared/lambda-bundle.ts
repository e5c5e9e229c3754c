import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { buildSync, type BuildOptions } from 'esbuild';
import { packageRoot } from '../../lib/package-root';
import { BUNDLED_CATALOGUE_FOLDER, writeCatalogueCopy } from '../../scanner/iam/catalogue-files';

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

let bundleRoot: string | undefined;
const bundled = new Map<string, string>();

/**
 * Bundles an entry into a folder holding `index.js` (and the IAM catalogue when the code reads
 * it), once per process, and returns the folder.
 * The folders live in a temporary directory removed when the process exits.
 */
export function bundleLambda(
  entry: LambdaEntry,
  runtime: LambdaRuntime = DEFAULT_LAMBDA_RUNTIME,
): string {
  const cacheKey = `${entry.path} ${runtime}`;
  const known = bundled.get(cacheKey);
  if (known) return known;
  if (!bundleRoot) {
    const root = mkdtempSync(join(tmpdir(), 'pyjamas-bundles-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    bundleRoot = root;
  }
  const folder = join(bundleRoot, runtime, entry.name);
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, 'index.js');
  const { metafile } = buildSync({
    ...BUNDLE_OPTIONS,
    target: LAMBDA_RUNTIMES[runtime],
    absWorkingDir: packageRoot(),
    entryPoints: [entry.path],
    outfile,
    metafile: true,
  });
  // The IAM catalogue is JSON read from disk by service, which esbuild cannot inline; a
  // function that evaluates permissions gets its copy beside index.js.
  const catalogue = Object.keys(metafile?.inputs ?? {}).includes(CATALOGUE_SOURCE)
    ? writeCatalogueCopy(join(folder, BUNDLED_CATALOGUE_FOLDER))
    : [];
  for (const file of [outfile, ...catalogue]) utimesSync(file, FIXED_MTIME, FIXED_MTIME);
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
