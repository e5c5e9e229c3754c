import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../lib/package-root';

// `npm start` end to end, as a newcomer runs it: the built demo against the moto_server it starts
// itself (needs `npm run build` first and moto installed).
const DEMO = join(packageRoot(), 'dist', 'examples', 'demo', 'main.js');

interface Demo {
  readonly child: ChildProcess;
  /** Resolves with the first match of `pattern` in what the demo printed on stderr so far. */
  readonly stderrMatch: (pattern: RegExp) => Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startDemo(args: string[]): Demo {
  const child = spawn(process.execPath, [DEMO, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  const stderrMatch = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const match = stderr.match(pattern);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`demo exited before ${pattern}:\n${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, stderrMatch, exited };
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start against the moto_server it starts', () => {
  test('runs every stage, prints what each proves and how long it took, and stops moto', async () => {
    const demo = startDemo([]);
    const port = Number((await demo.stderrMatch(/answers on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    const { code, stdout, stderr } = await demo.exited;

    expect(code).toBe(0);
    expect(stderr).toMatch(/== Stage 1\/2: seed an emulated account ==/);
    expect(stderr).toMatch(/-- Stage 1 took \d+\.\d s\. It proves: /);
    expect(stderr).toMatch(/-- Stage 2 took \d+\.\d s\. It proves: /);
    expect(stdout).toMatch(/^Pyjamas scan of account 123456789012/);
    const html = stderr.match(/^HTML report: (\S+\.html)$/m)?.[1];
    expect(html && existsSync(html)).toBe(true);
    expect(await portIsOpen(port)).toBe(false);
  }, 180_000);

  test('--stage 1 stops after the first stage', async () => {
    const { code, stdout, stderr } = await startDemo(['--stage', '1']).exited;

    expect(code).toBe(0);
    expect(stderr).toMatch(/-- Stage 1 took/);
    expect(stderr).not.toMatch(/Stage 2/);
    expect(stdout).toBe('');
  }, 120_000);

  test('Ctrl-C in the middle of a stage stops moto and exits 130', async () => {
    const demo = startDemo([]);
    const port = Number((await demo.stderrMatch(/answers on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await demo.stderrMatch(/== Stage 1\/2/);
    demo.child.kill('SIGINT');
    const { code, stderr } = await demo.exited;

    expect(stderr).toMatch(/moto_server stopped; nothing is left running\./);
    expect(code).toBe(130);
    expect(await portIsOpen(port)).toBe(false);
  }, 120_000);

  test('--keep leaves moto answering with the env to use it, until Ctrl-C stops it', async () => {
    const demo = startDemo(['--stage', '1', '--keep']);
    const endpoint = String(
      (await demo.stderrMatch(/keeps running on (http:\/\/127\.0\.0\.1:\d+)/))[1],
    );
    await demo.stderrMatch(/Press Ctrl-C here/);

    expect((await fetch(`${endpoint}/moto-api/`)).ok).toBe(true);
    expect((await demo.stderrMatch(/export (.*)/))[1]).toContain(`AWS_ENDPOINT_URL=${endpoint}`);
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    expect(code).toBe(130);
    expect(await portIsOpen(Number(new URL(endpoint).port))).toBe(false);
  }, 120_000);
});
