import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { packageRoot } from '../../lib/package-root';
import { startMotoServer } from '../../lib/emulator/moto-server';
import { uptime } from './load';
import { BENCH_REGIONS, PER_SCALE, seedAtScale } from './seed-scale';

/**
 * `npm run bench:scan -- --scale N[,M...] [--concurrency C] [--cli-runs R]`: for each scale, seeds
 * a fresh moto account with N × (50 users, 40 instances, 60 security groups, 20 buckets) over three
 * regions, scans it in a separate process and prints wall time, peak RSS and API calls by
 * operation; then runs `pyjamas scan` R times (default 3) and prints each run and the median, with
 * the CPU time of the scan and of moto. moto answers on one core (Python), so a run's wall time
 * cannot fall below the CPU time moto spends answering it.
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const scales = option('--scale', '1').split(',').map(Number);
  const concurrency = option('--concurrency', '10');
  const cliRuns = Number(option('--cli-runs', '3'));
  if (!Number.isInteger(cliRuns) || cliRuns < 1)
    throw new Error('--cli-runs takes a whole number of at least 1, e.g. --cli-runs 5');
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
      const cli: CliRun[] = [];
      for (let run = 0; run < cliRuns; run += 1) {
        const motoBefore = cpuSeconds(server.pid);
        const measured = await scanWithCli(server.env, concurrency);
        if (!measured) break;
        const motoAfter = cpuSeconds(server.pid);
        cli.push({
          ...measured,
          motoCpuSeconds:
            motoBefore !== undefined && motoAfter !== undefined
              ? motoAfter - motoBefore
              : undefined,
        });
      }
      const sum = (counts: Record<string, number>) =>
        Object.values(counts).reduce((total, n) => total + n, 0);
      process.stdout.write(
        [
          `scale ${scale}: ${PER_SCALE.users * scale} users, ${PER_SCALE.instances * scale} instances, ${PER_SCALE.securityGroups * scale} security groups, ${PER_SCALE.buckets * scale} buckets, ${BENCH_REGIONS.length} regions (seeded in ${seedSeconds.toFixed(1)} s)`,
          `  scan wall time      ${(stats.totalMs / 1000).toFixed(2)} s (collect ${(stats.collectMs / 1000).toFixed(2)} s, evaluate ${stats.evaluateMs} ms), concurrency ${concurrency}`,
          `  peak RSS            ${stats.maxRssMb} MB`,
          ...(cli.length > 0
            ? [
                `  through the CLI     median of ${cli.length}: ${median(cli.map((run) => run.seconds)).toFixed(2)} s, peak RSS ${median(cli.map((run) => run.maxRssMb))} MB (pyjamas scan --output json, measured by /usr/bin/time)`,
                ...cli.map(
                  (run, index) =>
                    `    run ${index + 1}             ${run.seconds.toFixed(2)} s, ${run.maxRssMb} MB, scan CPU ${run.cpuSeconds.toFixed(2)} s${run.motoCpuSeconds !== undefined ? `, moto CPU ${run.motoCpuSeconds.toFixed(2)} s` : ''}`,
                ),
              ]
            : ['  through the CLI     not measured (/usr/bin/time is not installed)']),
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

interface CliRun {
  readonly seconds: number;
  readonly maxRssMb: number;
  /** User and system CPU time of the scan's process. */
  readonly cpuSeconds: number;
  /** CPU time moto spent meanwhile; undefined where /proc is not there to read it. */
  readonly motoCpuSeconds: number | undefined;
}

/** The middle value (the lower middle of an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** User plus system CPU seconds a process has used so far, from /proc (Linux only). */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / 100 : undefined;
}

/** Times the real `pyjamas scan` with GNU time, when the machine has it. */
function scanWithCli(
  env: Readonly<Record<string, string>>,
  concurrency: string,
): Promise<Omit<CliRun, 'motoCpuSeconds'> | undefined> {
  if (!existsSync('/usr/bin/time')) return Promise.resolve(undefined);
  const cli = join(packageRoot(), 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) return Promise.reject(new Error(`${cli} is missing: run npm run build`));
  const args = [
    '-f',
    'pyjamas-bench %e %M %U %S',
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
      const match = /pyjamas-bench ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(err);
      if ((code !== 0 && code !== 1) || !match) {
        reject(new Error(`pyjamas scan exited with ${code}: ${err.trim().slice(-2000)}`));
        return;
      }
      resolve({
        seconds: Number(match[1]),
        maxRssMb: Math.round(Number(match[2]) / 1024),
        cpuSeconds: Number(match[3]) + Number(match[4]),
      });
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
