import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { UsageError } from '../../lib/errors';
import { packageRoot } from '../../lib/package-root';
import { TOOL_VERSION } from '../../lib/version';
import { ALL_CHECKS, evaluateInventory, loadInventory, saveInventory } from '../../scanner';
import { isMotoAvailable, startMotoServer, type MotoServer } from '../../lib/emulator/moto-server';
import { parseDemoArgs } from './args';
import { printReport } from './print-report';
import { BLAST_RADIUS_STAGE } from './stage-blast-radius';
import { DEPLOY_STAGE } from './stage-deploy';
import { DRIFT_STAGE } from './stage-drift';
import { EVIDENCE_STAGE } from './stage-evidence';
import { INCIDENT_STAGE } from './stage-incident';
import { RESPOND_STAGE } from './stage-respond';
import { SCAN_STAGE } from './stage-scan';
import { TEARDOWN_STAGE } from './stage-teardown';
import { runStages, type DemoContext, type DemoStage } from './stage';

/** The inventory shipped for machines without moto, next to this file's source. */
export const SAVED_DEMO_INVENTORY = join(packageRoot(), 'examples', 'demo', 'demo-inventory.json');

/** The guided run, in order; `--stage N` runs the first N. */
export const DEMO_STAGES: readonly DemoStage[] = [
  DEPLOY_STAGE,
  SCAN_STAGE,
  INCIDENT_STAGE,
  RESPOND_STAGE,
  BLAST_RADIUS_STAGE,
  EVIDENCE_STAGE,
  DRIFT_STAGE,
  TEARDOWN_STAGE,
];

const say = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;

/**
 * `npm start`: a guided run against an emulated account, no AWS account needed. It starts
 * moto_server on a free loopback port, runs the stages and stops moto (unless `--keep`); Ctrl-C
 * stops moto before exiting. Without moto it scans the saved demo inventory and says so.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseDemoArgs(argv, DEMO_STAGES.length);
  if (!options) return;
  if (!isMotoAvailable()) {
    say(
      "moto_server is not installed (pip install 'moto[server]'), so this demo scans the saved demo inventory instead:",
    );
    say(`  ${SAVED_DEMO_INVENTORY}\n`);
    const inventory = await loadInventory(SAVED_DEMO_INVENTORY);
    printReport(
      evaluateInventory(inventory, { checks: ALL_CHECKS, toolVersion: TOOL_VERSION }),
      colour,
    );
    return;
  }
  say('Starting moto_server, a local AWS emulator, on a free loopback port...');
  const server = await startMotoServer();
  say(`moto_server answers on ${server.endpoint}.`);
  const interrupted = new AbortController();
  const stopOnInterrupt = () => void interrupt(server, interrupted);
  process.once('SIGINT', stopOnInterrupt);
  Object.assign(process.env, server.env);
  const aws = new AwsClients({ env: server.env, maxAttempts: 2, maxConcurrentRequests: 10 });
  const context: DemoContext = {
    aws,
    workFolder: await mkdtemp(join(tmpdir(), 'pyjamas-demo-')),
    say,
    signal: interrupted.signal,
    colour,
    emulator: { endpoint: server.endpoint, env: server.env },
  };
  let completed = false;
  try {
    await runStages(DEMO_STAGES, options.stage, context);
    if (options.saveInventory && context.inventory) {
      await saveInventory(options.saveInventory, context.inventory);
    }
    completed = true;
  } finally {
    aws.destroy();
    if (!interrupted.signal.aborted && !(completed && options.keep)) {
      process.removeListener('SIGINT', stopOnInterrupt);
      await server.stop();
      say('\nmoto_server stopped; nothing is left running.');
    }
  }
  if (options.keep) {
    printKept(server);
    return;
  }
  say(
    '\nScan your own account: npx pyjamas scan --regions eu-west-1,us-east-1 (any AWS credentials, profile or SSO).',
  );
}

/** Ctrl-C: stops moto, then exits 130 as a shell does for SIGINT; a second Ctrl-C exits at once. */
async function interrupt(server: MotoServer, interrupted: AbortController): Promise<void> {
  interrupted.abort();
  process.once('SIGINT', () => process.exit(130));
  say('\nInterrupted: stopping moto_server...');
  await server.stop();
  say('moto_server stopped; nothing is left running.');
  process.exit(130);
}

/**
 * `--keep`: moto stays up, and so does the demo that owns it (moto_server's launcher kills its
 * children when this process exits), until Ctrl-C stops both.
 */
function printKept(server: MotoServer): void {
  say(`\nmoto_server keeps running on ${server.endpoint}. Try the CLI on it:`);
  say(
    `  export ${Object.entries(server.env)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}`,
  );
  say('  npx pyjamas scan --regions us-east-1,eu-west-1');
  say('Press Ctrl-C here to stop moto_server when you are done.');
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
