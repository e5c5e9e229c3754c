import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../lib/package-root';

const run = promisify(execFile);

// What a user gets from `npm pack`: the tarball installs globally and `pyjamas` runs in a folder
// that knows nothing of this repository. npm test builds dist/ first, so the pack skips the
// prepare script. The install reads npm's cache first: CI has just filled it with npm ci.
describe('the packed package', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pyjamas-pack-'));
  });
  // The global install holds the whole dependency tree: removing it takes a while.
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  }, 120_000);

  test('installs with npm install -g and answers pyjamas --help and list-checks in an empty folder', async () => {
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: packageRoot(),
    });
    const [tarball] = (await readdir(work)).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^pyjamas-\d+\.\d+\.\d+\.tgz$/);
    const prefix = join(work, 'prefix');
    await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        join(work, tarball as string),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const empty = join(work, 'empty');
    await mkdir(empty);
    const env = { PATH: process.env.PATH ?? '', HOME: work, NO_COLOR: '1' };
    const help = await run(join(prefix, 'bin', 'pyjamas'), ['--help'], { cwd: empty, env });
    expect(help.stdout).toMatch(/Usage: pyjamas/);
    expect(help.stdout).toMatch(/isolate-instance/);
    const checks = await run(join(prefix, 'bin', 'pyjamas'), ['list-checks', '--output', 'json'], {
      cwd: empty,
      env,
    });
    expect((JSON.parse(checks.stdout) as unknown[]).length).toBeGreaterThan(30);
    expect(await readdir(empty)).toEqual([]);
  }, 420_000);

  test('ships no tests, fixtures or test helpers, and carries the licence it declares', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: packageRoot(),
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const paths = (packed?.files ?? []).map((file) => file.path);
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('dist/cli/main.js');
    expect(paths).toContain('lib/emulator/moto-launcher.py');
    expect(paths.filter((path) => /(^|\/)test\/|\.test\.|fixture/.test(path))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as {
      license: string;
    };
    expect(manifest.license).toBe('Apache-2.0');
    expect(await readFile(join(packageRoot(), 'LICENSE'), 'utf8')).toMatch(
      /^\s*Apache License\s+Version 2\.0, January 2004/,
    );
  }, 60_000);
});
