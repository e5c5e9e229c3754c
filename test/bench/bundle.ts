import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { LAMBDA_ENTRIES, bundleLambda, lambdaAsset } from '../../modules/shared/lambda-bundle';

/** Each Lambda's code must stay under these (issue 6). */
const TARGET = { zippedMegabytes: 2, importMilliseconds: 300 };
/** Fresh processes per bundle; the median and the range are printed. */
const RUNS = 5;

/** Milliseconds a fresh `node` takes to require the bundle: the module-loading part of a cold start. */
function importTime(file: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const run = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (run.status !== 0) throw new Error(`requiring ${file} failed:\n${run.stderr}`);
  return Number(run.stdout);
}

/** The zip the module deploys for an entry: synthesized as a Terraform asset, as every stack does. */
function zippedSizes(outdir: string): Record<string, number> {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bundles');
  for (const entry of Object.values(LAMBDA_ENTRIES)) lambdaAsset(stack, entry);
  app.synth();
  const assets = join(outdir, 'stacks', 'bundles', 'assets');
  return Object.fromEntries(
    readdirSync(assets).map((folder) => {
      const [hash] = readdirSync(join(assets, folder));
      return [
        folder.replace(/^bundle-/, ''),
        statSync(join(assets, folder, hash as string, 'archive.zip')).size,
      ];
    }),
  );
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-bench-bundle-'));
  try {
    const zipped = zippedSizes(work);
    let withinTarget = true;
    console.log(
      `${'function code'.padEnd(22)}${'bundle'.padStart(10)}${'zipped'.padStart(10)}   import in a fresh node (median, range of ${RUNS})`,
    );
    for (const entry of Object.values(LAMBDA_ENTRIES)) {
      const file = join(bundleLambda(entry), 'index.js');
      const times = Array.from({ length: RUNS }, () => importTime(file)).sort((a, b) => a - b);
      const median = times[Math.floor(RUNS / 2)] as number;
      const megabytes = (zipped[entry.name] ?? 0) / 1024 / 1024;
      const ok = megabytes < TARGET.zippedMegabytes && median < TARGET.importMilliseconds;
      withinTarget &&= ok;
      console.log(
        `${entry.name.padEnd(22)}${`${(statSync(file).size / 1024 / 1024).toFixed(2)} MB`.padStart(10)}${`${megabytes.toFixed(2)} MB`.padStart(10)}   ${median.toFixed(0)} ms (${(times[0] as number).toFixed(0)}–${(times[RUNS - 1] as number).toFixed(0)}) ${ok ? 'ok' : 'OVER TARGET'}`,
      );
    }
    console.log(
      `target: under ${TARGET.zippedMegabytes} MB zipped and ${TARGET.importMilliseconds} ms to import, each; node ${process.version}`,
    );
    if (!withinTarget) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
