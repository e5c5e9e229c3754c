import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ALL_CHECKS, evaluateInventory, loadInventory } from '../../scanner';
import { packageRoot } from '../../lib/package-root';
import { SAVED_DEMO_INVENTORY } from './main';

describe('the saved demo inventory', () => {
  test("holds every slice today's checks read (else run npm run demo:record)", async () => {
    const report = evaluateInventory(await loadInventory(SAVED_DEMO_INVENTORY), {
      checks: ALL_CHECKS,
      toolVersion: 'test',
    });
    expect(
      report.findings
        .filter((finding) => finding.status === 'ERROR')
        // moto's credential report has no <root_account> row, which AWS always writes: the one
        // check that reads it says it cannot judge rather than guess (an emulator gap).
        .filter((finding) => finding.checkId !== 'iam_avoid_root_usage')
        .map((finding) => finding.message),
    ).toEqual([]);
    expect(report.summary.failed).toBeGreaterThan(20);
    expect(report.summary.byStatus.PASS).toBeGreaterThan(20);
  });
});

describe('npm start without moto', () => {
  test('says so and scans the saved inventory instead', async () => {
    const demo = join(packageRoot(), 'dist', 'examples', 'demo', 'main.js');
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, [demo], {
        env: {
          PATH: process.env.PATH ?? '',
          PYJAMAS_MOTO_PYTHON: '/nonexistent/python',
          NO_COLOR: '1',
        },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('error', reject);
      child.once('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /moto_server is not installed \(pip install 'moto\[server\]'\), so this demo scans the saved demo inventory/,
    );
    expect(stdout).toMatch(/^Pyjamas scan of account 123456789012/);
  });
});
