import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { systemClock } from '../../lib/clock';
import { packageRoot } from '../../lib/package-root';
import { TOOL_VERSION } from '../../lib/version';
import {
  ALL_CHECKS,
  collectForChecks,
  evaluateInventory,
  formatConsoleReport,
  loadInventory,
  saveInventory,
  type Inventory,
} from '../../scanner';
import { isMotoAvailable, startMotoServer } from '../../lib/emulator/moto-server';
import { DEMO_REGIONS, seedDemoAccount } from './seed';

/** The inventory shipped for machines without moto, next to this file's source. */
export const SAVED_DEMO_INVENTORY = join(packageRoot(), 'examples', 'demo', 'demo-inventory.json');

/**
 * `npm start`: scans a demo account with no AWS account needed. It starts moto_server on a free
 * loopback port, seeds an account with realistic misconfigurations and scans it; without moto it
 * scans the saved demo inventory instead and says so. `--save-inventory FILE` keeps what was
 * collected (that is how the saved inventory is made).
 */
async function main(argv: readonly string[]): Promise<void> {
  const saveTo = argv[argv.indexOf('--save-inventory') + 1];
  const say = (text: string) => process.stderr.write(`${text}\n`);
  let inventory: Inventory;
  if (isMotoAvailable()) {
    say('Starting moto_server, a local AWS emulator, on a free loopback port...');
    const server = await startMotoServer();
    Object.assign(process.env, server.env);
    const aws = new AwsClients({ env: server.env, maxAttempts: 2, maxConcurrentRequests: 10 });
    try {
      say(
        `Seeding a demo account (${DEMO_REGIONS.join(', ')}) with realistic misconfigurations...`,
      );
      await seedDemoAccount(aws);
      say(`Scanning it with ${ALL_CHECKS.length} checks...\n`);
      inventory = await collectForChecks({
        aws,
        checks: ALL_CHECKS,
        homeRegion: 'us-east-1',
        regions: DEMO_REGIONS,
        clock: systemClock,
      });
    } finally {
      aws.destroy();
      await server.stop();
    }
  } else {
    say(
      "moto_server is not installed (pip install 'moto[server]'), so this demo scans the saved demo inventory instead:",
    );
    say(`  ${SAVED_DEMO_INVENTORY}\n`);
    inventory = await loadInventory(SAVED_DEMO_INVENTORY);
  }
  if (argv.includes('--save-inventory') && saveTo) await saveInventory(saveTo, inventory);
  const report = evaluateInventory(inventory, { checks: ALL_CHECKS, toolVersion: TOOL_VERSION });
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(formatConsoleReport(report, { colour }));
  say(
    '\nScan your own account: npx pyjamas scan --regions eu-west-1,us-east-1 (any AWS credentials, profile or SSO).',
  );
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  });
}
