import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedBundle, type BundleBuild } from './bundle-cache';

let work: string;
let builds: number;

/** A "bundler" that copies `source.ts` of the working directory into `index.js`. */
function copyBuild(key = 'esbuild 0.0.0 {}'): BundleBuild {
  return {
    key,
    workingDirectory: work,
    build: (folder) => {
      builds += 1;
      writeFileSync(join(folder, 'index.js'), readFileSync(join(work, 'source.ts')));
      return ['source.ts'];
    },
  };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pyjamas-bundle-cache-'));
  writeFileSync(join(work, 'source.ts'), 'one');
  builds = 0;
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('cachedBundle', () => {
  test('reuses the bundle of an earlier process while its inputs are unchanged', () => {
    const cache = join(work, 'cache');
    const first = cachedBundle(cache, copyBuild());
    const second = cachedBundle(cache, copyBuild());
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(readFileSync(join(second, 'index.js'), 'utf8')).toBe('one');
  });

  test('builds again when an input changed, or when the options did', () => {
    const cache = join(work, 'cache');
    cachedBundle(cache, copyBuild());
    writeFileSync(join(work, 'source.ts'), 'two');
    utimesSync(join(work, 'source.ts'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(readFileSync(join(cachedBundle(cache, copyBuild()), 'index.js'), 'utf8')).toBe('two');
    cachedBundle(cache, copyBuild('esbuild 0.0.1 {}'));
    expect(builds).toBe(3);
  });

  test('builds again when the cached bundle is not the one it recorded', () => {
    const cache = join(work, 'cache');
    const folder = cachedBundle(cache, copyBuild());
    writeFileSync(join(folder, 'index.js'), 'planted');
    expect(readFileSync(join(cachedBundle(cache, copyBuild()), 'index.js'), 'utf8')).toBe('one');
    expect(builds).toBe(2);
  });
});
