import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const BUILD_FOLDERS = new Set(['dist', 'dist-bench']);

/**
 * The folder of the Pyjamas package, found by walking up from this file, so that files that
 * are not compiled (scripts, saved inventories) are found both from sources and from dist/.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    // tsc copies package.json into its output folders (it is imported for the version); those
    // copies are not the root.
    const isRoot =
      !BUILD_FOLDERS.has(basename(dir)) &&
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'pyjamas';
    if (isRoot) return dir;
    if (dirname(dir) === dir) throw new Error(`no pyjamas package.json above ${from}`);
  }
}
