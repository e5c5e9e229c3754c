import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { buildSync, type BuildOptions } from 'esbuild';
import { packageRoot } from '../../lib/package-root';

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
 * How every function is bundled: one minified CommonJS file for the Node.js 20 runtime, with the
 * AWS SDK v3 inside rather than the runtime's copy, so that the clients are the versions the
 * tests ran against. `module` before `main` picks the SDK's ES module builds, which esbuild
 * tree-shakes to half the size and half the cold-start import time of the CommonJS builds.
 * `keepNames` keeps class names, which the client factory keys its cache by.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
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
 * Bundles an entry into a folder holding `index.js`, once per process, and returns the folder.
 * The folders live in a temporary directory removed when the process exits.
 */
export function bundleLambda(entry: LambdaEntry): string {
  const known = bundled.get(entry.path);
  if (known) return known;
  if (!bundleRoot) {
    const root = mkdtempSync(join(tmpdir(), 'pyjamas-bundles-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    bundleRoot = root;
  }
  const folder = join(bundleRoot, entry.name);
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, 'index.js');
  buildSync({
    ...BUNDLE_OPTIONS,
    absWorkingDir: packageRoot(),
    entryPoints: [entry.path],
    outfile,
  });
  utimesSync(outfile, FIXED_MTIME, FIXED_MTIME);
  bundled.set(entry.path, folder);
  return folder;
}

const assets = new WeakMap<TerraformStack, Map<string, TerraformAsset>>();

/**
 * The zip archive of an entry's bundle as a Terraform asset, one per stack however many functions
 * and regions use it: the asset lives at the stack's root under `bundle-<name>`.
 */
export function lambdaAsset(scope: Construct, entry: LambdaEntry): TerraformAsset {
  const stack = TerraformStack.of(scope);
  let known = assets.get(stack);
  if (!known) {
    known = new Map();
    assets.set(stack, known);
  }
  const existing = known.get(entry.name);
  if (existing) return existing;
  const asset = new TerraformAsset(stack, `bundle-${entry.name}`, {
    path: bundleLambda(entry),
    type: AssetType.ARCHIVE,
  });
  known.set(entry.name, asset);
  return asset;
}
