import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The folder of the Pyjamas package, found by walking up from this file, so that files that
 * are not compiled (scripts, saved inventories) are found both from sources and from dist/.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    // tsc copies package.json into dist/ (it is imported for the version); that copy is not the root.
    const isRoot =
      basename(dir) !== 'dist' &&
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'pyjamas';
    if (isRoot) return dir;
    if (dirname(dir) === dir) throw new Error(`no pyjamas package.json above ${from}`);
  }
}
