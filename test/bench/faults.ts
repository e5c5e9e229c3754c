import { AwsClients } from '../../lib/aws/clients';
import { SCAN_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import { systemClock } from '../../lib/clock';
import { startMotoServer } from '../../lib/emulator/moto-server';
import { TOOL_VERSION } from '../../lib/version';
import { ALL_CHECKS, collectForChecks, evaluateInventory } from '../../scanner';
import type { ScanReport } from '../../scanner/report/report';
import { FaultProxy, type RandomFaults } from '../helpers/fault-proxy';
import { uptime } from './load';
import { BENCH_REGIONS, PER_SCALE, seedAtScale } from './seed-scale';

/** The load of issue 15: 30 % throttling, 5 % HTTP 500/503 and dropped connections. */
const LOAD: Omit<RandomFaults, 'seed'> = { throttle: 0.3, serverError: 0.05, drop: 0.03 };

/**
 * `npm run bench:faults -- [--scale N] [--seed S] [--concurrency C]`: seeds a moto account
 * (N × 50 users, 40 instances, 60 security groups, 20 buckets over three regions), scans it
 * through the fault proxy once clean and once under {@link LOAD}, and prints both wall times, the
 * retries by API, and whether the two scans gave identical findings (ids and statuses).
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const scale = Number(option('--scale', '1'));
  const seed = Number(option('--seed', '15'));
  const concurrency = Number(option('--concurrency', '10'));
  for (const [name, value] of [
    ['--scale', scale],
    ['--seed', seed],
    ['--concurrency', concurrency],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} takes a whole number of at least 1, e.g. ${name} 1`);
  }

  const server = await startMotoServer();
  const proxy = await FaultProxy.start(server.endpoint);
  try {
    const seeder = new AwsClients({ env: server.env, maxAttempts: 2 });
    Object.assign(process.env, server.env);
    await seedAtScale(seeder, scale);
    seeder.destroy();
    // The SDK reads endpoint overrides from the process environment: from now on, the proxy.
    Object.assign(process.env, proxy.env(server.env));

    const clean = await timedScan(proxy, server.env, concurrency);
    const cleanLog = proxy.log.length;
    proxy.reset();
    proxy.setRandomFaults({ seed, ...LOAD });
    const faulted = await timedScan(proxy, server.env, concurrency);
    proxy.setRandomFaults(undefined);

    const differing = differingVerdicts(clean.report, faulted.report);
    const identical = differing.length === 0;
    const retries = Object.entries(proxy.retriesByApi()).sort((a, b) => b[1] - a[1]);
    const faults = proxy.faultCounts();
    process.stdout.write(
      [
        `seeded account: ${PER_SCALE.users * scale} users, ${PER_SCALE.instances * scale} instances, ${PER_SCALE.securityGroups * scale} security groups, ${PER_SCALE.buckets * scale} buckets, ${BENCH_REGIONS.length} regions; ${ALL_CHECKS.length} checks, concurrency ${concurrency}`,
        `faults: throttle ${LOAD.throttle}, server errors ${LOAD.serverError}, dropped connections ${LOAD.drop}, seed ${seed}`,
        `  clean scan          ${(clean.ms / 1000).toFixed(2)} s, ${cleanLog} requests`,
        `  faulted scan        ${(faulted.ms / 1000).toFixed(2)} s, ${proxy.log.length} requests (${faults.throttle ?? 0} throttled, ${faults['server-error'] ?? 0} server errors, ${faults.drop ?? 0} dropped)`,
        `  findings identical  ${identical ? 'yes' : 'NO'} (${clean.report.findings.length} clean, ${faulted.report.findings.length} faulted; ERROR ${clean.report.summary.byStatus.ERROR} clean, ${faulted.report.summary.byStatus.ERROR} faulted)`,
        ...differing.map((line) => `    differs: ${line}`),
        `  retries by API      ${retries.reduce((total, [, n]) => total + n, 0)} in all`,
        ...retries.map(([api, n]) => `    ${api.padEnd(48)} ${String(n).padStart(5)}`),
        `  load                ${uptime()}`,
        '',
      ].join('\n'),
    );
    if (!identical) process.exitCode = 1;
  } finally {
    await proxy.stop();
    await server.stop();
  }
}

/** One in-process scan of every check through the proxy, timed from collection to report. */
async function timedScan(
  proxy: FaultProxy,
  env: Readonly<Record<string, string>>,
  concurrency: number,
): Promise<{ ms: number; report: ScanReport }> {
  const aws = new AwsClients({
    env: proxy.env(env),
    maxConcurrentRequests: concurrency,
    retryPolicy: SCAN_RETRY_POLICY,
  });
  const started = performance.now();
  try {
    const inventory = await collectForChecks({
      aws,
      checks: ALL_CHECKS,
      homeRegion: 'us-east-1',
      regions: BENCH_REGIONS,
      clock: systemClock,
    });
    const report = evaluateInventory(inventory, { checks: ALL_CHECKS, toolVersion: TOOL_VERSION });
    return { ms: performance.now() - started, report };
  } finally {
    aws.destroy();
  }
}

/** Each finding whose verdict differs between the scans, with the faulted scan's message. */
function differingVerdicts(clean: ScanReport, faulted: ScanReport): string[] {
  const before = new Map(clean.findings.map((finding) => [finding.id, finding.status]));
  const after = new Map(faulted.findings.map((finding) => [finding.id, finding]));
  const lines: string[] = [];
  for (const [id, status] of before) {
    const now = after.get(id);
    if (!now) lines.push(`${id}: ${status} clean, absent faulted`);
    else if (now.status !== status)
      lines.push(
        `${now.checkId} ${now.region}: ${status} clean, ${now.status} faulted (${now.message})`,
      );
  }
  for (const [id, finding] of after)
    if (!before.has(id)) lines.push(`${id}: absent clean, ${finding.status} faulted`);
  return lines;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `bench:faults failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
