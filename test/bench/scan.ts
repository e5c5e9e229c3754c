import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { packageRoot } from '../../lib/package-root';
import { startMotoServer } from '../../lib/emulator/moto-server';
import { uptime } from './load';
import { BENCH_REGIONS, PER_SCALE, seedAtScale } from './seed-scale';

/**
 * `npm run bench:scan -- --scale N[,M...] [--concurrency C]`: for each scale, seeds a fresh moto
 * account with N × (50 users, 40 instances, 60 security groups, 20 buckets) over three regions,
 * scans it in a separate process and prints wall time, peak RSS and API calls by operation.
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const scales = option('--scale', '1').split(',').map(Number);
  const concurrency = option('--concurrency', '10');
  if (scales.some((scale) => !Number.isInteger(scale) || scale < 1))
    throw new Error('--scale takes whole numbers of at least 1, e.g. --scale 1,10');

  const server = await startMotoServer();
  try {
    for (const scale of scales) {
      await server.reset();
      const aws = new AwsClients({ env: server.env, maxAttempts: 2 });
      Object.assign(process.env, server.env);
      const seedStart = performance.now();
      await seedAtScale(aws, scale);
      aws.destroy();
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const stats = await scanInWorker(server.env, concurrency);
      const cli = await scanWithCli(server.env, concurrency);
      const sum = (counts: Record<string, number>) =>
        Object.values(counts).reduce((total, n) => total + n, 0);
      process.stdout.write(
        [
          `scale ${scale}: ${PER_SCALE.users * scale} users, ${PER_SCALE.instances * scale} instances, ${PER_SCALE.securityGroups * scale} security groups, ${PER_SCALE.buckets * scale} buckets, ${BENCH_REGIONS.length} regions (seeded in ${seedSeconds.toFixed(1)} s)`,
          `  scan wall time      ${(stats.totalMs / 1000).toFixed(2)} s (collect ${(stats.collectMs / 1000).toFixed(2)} s, evaluate ${stats.evaluateMs} ms), concurrency ${concurrency}`,
          `  peak RSS            ${stats.maxRssMb} MB`,
          cli
            ? `  through the CLI     ${cli.seconds.toFixed(2)} s, peak RSS ${cli.maxRssMb} MB (pyjamas scan --output json, measured by /usr/bin/time)`
            : '  through the CLI     not measured (/usr/bin/time is not installed)',
          `  findings            ${stats.findings} (${Object.entries(stats.byStatus)
            .map(([status, n]) => `${status} ${n}`)
            .join(', ')})`,
          `  inventory           ${(stats.inventoryBytes / 1_048_576).toFixed(1)} MB of JSON`,
          `  API calls           ${sum(stats.calls)}, HTTP requests sent ${sum(stats.requests)} (retries included)`,
          ...Object.entries(stats.calls).map(
            ([api, n]) =>
              `    ${api.padEnd(44)} ${String(n).padStart(5)} calls ${String(stats.requests[api] ?? 0).padStart(5)} requests`,
          ),
          `  ERROR findings      ${stats.errors.length}${stats.errors.length > 0 ? ' (what the emulator cannot answer):' : ''}`,
          ...stats.errors.map((error) => `    ${error}`),
          `  load                ${uptime()}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await server.stop();
  }
}

interface WorkerStats {
  collectMs: number;
  evaluateMs: number;
  totalMs: number;
  maxRssMb: number;
  findings: number;
  byStatus: Record<string, number>;
  inventoryBytes: number;
  calls: Record<string, number>;
  requests: Record<string, number>;
  errors: string[];
}

function scanInWorker(
  env: Readonly<Record<string, string>>,
  concurrency: string,
): Promise<WorkerStats> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'scan-worker.js'), BENCH_REGIONS.join(','), concurrency],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as WorkerStats)
        : reject(new Error(`scan worker exited with ${code}`)),
    );
  });
}

/** Times the real `pyjamas scan` with GNU time, when the machine has it. */
function scanWithCli(
  env: Readonly<Record<string, string>>,
  concurrency: string,
): Promise<{ seconds: number; maxRssMb: number } | undefined> {
  if (!existsSync('/usr/bin/time')) return Promise.resolve(undefined);
  const cli = join(packageRoot(), 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) return Promise.reject(new Error(`${cli} is missing: run npm run build`));
  const args = [
    '-f',
    'pyjamas-bench %e %M',
    process.execPath,
    cli,
    'scan',
    '--regions',
    BENCH_REGIONS.join(','),
    '--concurrency',
    concurrency,
  ];
  args.push('--output', 'json', '--output-file', join(tmpdir(), 'pyjamas-bench-report.json'));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      // pyjamas scan exits 1 for failed findings, which the seeded account has; 2 means it could
      // not run, and no time is printed for a scan that did not happen.
      const match = /pyjamas-bench ([\d.]+) (\d+)/.exec(err);
      if ((code !== 0 && code !== 1) || !match) {
        reject(new Error(`pyjamas scan exited with ${code}: ${err.trim().slice(-2000)}`));
        return;
      }
      resolve({ seconds: Number(match[1]), maxRssMb: Math.round(Number(match[2]) / 1024) });
    });
  });
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `bench:scan failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
