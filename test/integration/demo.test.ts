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

// The whole demo deploys the complete example with terraform and destroys it again: a few minutes
// on two idle cores, more on a loaded machine, hence the generous timeouts.
describe('npm start against the moto_server it starts', () => {
  test('runs every stage, prints what each proves and how long it took, and stops moto', async () => {
    const demo = startDemo([]);
    const port = Number((await demo.stderrMatch(/answers on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    const { code, stdout, stderr } = await demo.exited;

    if (code !== 0) throw new Error(`the demo exited with ${code}:\n${stderr.slice(-6000)}`);
    for (let stage = 1; stage <= 8; stage += 1)
      expect(stderr).toMatch(new RegExp(`-- Stage ${stage} took \\d+\\.\\d s\\. It proves: `));
    // 1: deployed with terraform, saying what and what moto cannot hold.
    expect(stderr).toMatch(/^Deployed \d+ resources, among them:$/m);
    expect(stderr).toMatch(/Lambda functions \(responders/);
    expect(stderr).toMatch(/aws_imagebuilder_component.*no Image Builder backend/);
    // 2: the scan's console summary on stdout and its HTML report.
    expect(stdout).toMatch(/^Pyjamas scan of account 123456789012/);
    const html = stderr.match(/^HTML report: (\S+\.html)$/m)?.[1];
    expect(html && existsSync(html)).toBe(true);
    // 4: moto's gap said plainly; both responses contained their target and filed evidence
    // (the revocation is degraded: moto has no CloudTrail LookupEvents for its evidence steps).
    expect(stderr).toMatch(/moto stores Lambda functions but does not run Node\.js ones/);
    const outcomes = [...stderr.matchAll(/^ {2}(\w+) in \d+\.\d s, (\d+) \(.*\) round trips/gm)];
    expect(outcomes.map((match) => match[1])).toEqual(['succeeded', 'degraded']);
    expect(stderr).toMatch(/moto has no CloudTrail LookupEvents, so the key's recent API calls/);
    expect(stderr).toMatch(/security groups: web → pyjamas-isolation/);
    expect(stderr).toMatch(/Auto Scaling group: shop-web \(InService\) → none/);
    expect(stderr).toMatch(/target group shop-web: registered → not registered/);
    expect(stderr).toMatch(/access key AKIA\w+: Active → Inactive/);
    expect(stderr).toMatch(/evidence: s3:\/\/pyjamas-evidence-\S+\/manifests\/\d+\.json/);
    // 5: the blast radius filed with the revocation.
    expect(stderr).toMatch(/user\/build-bot can make itself administrator\./);
    expect(stderr).toMatch(/Escalation paths it had:/);
    // 6: intact, then tampered and caught.
    expect(stderr).toMatch(/Every SHA-256 matches and the manifest chain is intact\./);
    expect(stderr).toMatch(/FAILED .* it was written over after it was filed/);
    expect(stderr).toMatch(/Evidence verification FAILED\./);
    // 7: drift names the opened isolation group; the readiness check fails it.
    expect(stderr).toMatch(/aws_security_group\.\S+ {2}\(us-east-1\) {2}changed\n {4}ingress:/);
    expect(stderr).toMatch(
      /FAIL readiness_isolation_security_groups_present .* <- the change above/,
    );
    // 8: torn down, moto stopped.
    expect(stderr).toMatch(/Destroyed: 0 resources left in the Terraform state\./);
    expect(stderr).toMatch(/moto_server stopped; nothing is left running\./);
    expect(await portIsOpen(port)).toBe(false);
  }, 1_200_000);

  test('Ctrl-C in the middle of a stage stops moto and exits 130', async () => {
    const demo = startDemo([]);
    const port = Number((await demo.stderrMatch(/answers on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await demo.stderrMatch(/== Stage 1\/8/);
    demo.child.kill('SIGINT');
    const { code, stderr } = await demo.exited;

    expect(stderr).toMatch(/moto_server stopped; nothing is left running\./);
    expect(code).toBe(130);
    expect(await portIsOpen(port)).toBe(false);
  }, 120_000);

  test('--stage 1 --keep stops after the deploy and leaves moto answering with the env to use it, until Ctrl-C stops it', async () => {
    const demo = startDemo(['--stage', '1', '--keep']);
    const endpoint = String(
      (await demo.stderrMatch(/keeps running on (http:\/\/127\.0\.0\.1:\d+)/))[1],
    );
    await demo.stderrMatch(/Press Ctrl-C here/);

    expect((await fetch(`${endpoint}/moto-api/`)).ok).toBe(true);
    expect((await demo.stderrMatch(/export (.*)/))[1]).toContain(`AWS_ENDPOINT_URL=${endpoint}`);
    demo.child.kill('SIGINT');
    const { code, stdout, stderr } = await demo.exited;
    expect(stderr).toMatch(/-- Stage 1 took/);
    expect(stderr).not.toMatch(/Stage 2/);
    expect(stdout).toBe('');
    expect(code).toBe(130);
    expect(await portIsOpen(Number(new URL(endpoint).port))).toBe(false);
  }, 900_000);
});
