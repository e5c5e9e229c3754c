import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Synth of the complete example must stay under these (issue 3). */
const TARGET = { seconds: 15, megabytes: 1024 };
const ROOT = resolve(__dirname, '..', '..', '..');
const GNU_TIME = '/usr/bin/time';

interface Measurement {
  readonly how: string;
  readonly seconds: number;
  readonly megabytes: number;
}

/** Loads cdktf, the provider bindings and the example, and synthesizes it, in this process. */
async function inProcess(outdir: string): Promise<Measurement> {
  const start = performance.now();
  const { App } = await import('cdktf');
  const { CompleteStack } = await import('../../examples/complete/stack');
  const { REGIONS } = await import('../../examples/complete/settings');
  const app = new App({ outdir });
  new CompleteStack(app, 'pyjamas-complete', { regions: REGIONS });
  app.synth();
  const seconds = (performance.now() - start) / 1000;
  return {
    how: 'in process (load + synth)',
    seconds,
    megabytes: process.resourceUsage().maxRSS / 1024,
  };
}

/** Runs `cdktf synth` on the compiled example, as `npm run synth` does without the build. */
function cdktfCli(outdir: string): Measurement {
  const cdktf = join(ROOT, 'node_modules', '.bin', 'cdktf');
  const args = [
    'synth',
    '--app',
    `node ${join('dist', 'examples', 'complete', 'main.js')}`,
    '--output',
    outdir,
  ];
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true' };
  const start = performance.now();
  // GNU time reports the peak RSS of the largest process of the tree (the CLI or the app).
  const result = spawnSync(GNU_TIME, ['-f', 'peak-rss-kb=%M', cdktf, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0)
    throw new Error(`cdktf synth failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const peak = /peak-rss-kb=(\d+)/.exec(result.stderr);
  if (!peak?.[1]) throw new Error(`no peak RSS in the output of ${GNU_TIME}`);
  return { how: 'cdktf synth (CLI + app)', seconds, megabytes: Number(peak[1]) / 1024 };
}

/** The load average, printed with every figure: on a shared machine a figure means little without it. */
function load(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-bench-synth-'));
  // Lambda bundles are cached across processes (.tmp/bundles); the first synth after a change
  // to the functions' code rebuilds them.
  const cache = join(ROOT, '.tmp', 'bundles');
  console.log(
    `bundle cache ${cache}: ${existsSync(cache) ? 'present (bundles whose inputs changed are rebuilt)' : 'empty (the first synth bundles)'}; ${load()}`,
  );
  try {
    const measurements = [await inProcess(join(work, 'in-process'))];
    if (existsSync(GNU_TIME)) measurements.push(cdktfCli(join(work, 'cli')));
    else console.log(`(${GNU_TIME} not found: the cdktf synth measurement is left out)`);
    let withinTarget = true;
    for (const { how, seconds, megabytes } of measurements) {
      const ok = seconds < TARGET.seconds && megabytes < TARGET.megabytes;
      withinTarget &&= ok;
      console.log(
        `complete example, ${how}: ${seconds.toFixed(2)} s, peak RSS ${megabytes.toFixed(0)} MB ${ok ? 'ok' : 'OVER TARGET'} (${load()})`,
      );
    }
    console.log(`target: under ${TARGET.seconds} s and ${TARGET.megabytes} MB`);
    if (!withinTarget) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
