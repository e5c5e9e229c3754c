import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '../../lib/clock';
import { TOOL_VERSION } from '../../lib/version';
import { ALL_CHECKS, collectForChecks, evaluateInventory } from '../../scanner';
import { renderReport, reportFileName } from '../../scanner/report/render';
import { printReport } from './print-report';
import { DEMO_REGIONS } from './seed';
import type { DemoStage } from './stage';

/**
 * Stage: scans the emulated account with every check, prints the console summary and writes
 * the HTML report into the run's folder.
 */
export const SCAN_STAGE: DemoStage = {
  title: 'scan the account',
  proves:
    'one read-only pass collects the account and every check judges it offline, the way `pyjamas scan` does on AWS.',
  async run(context) {
    context.say(`Scanning it with ${ALL_CHECKS.length} checks...\n`);
    const inventory = await collectForChecks({
      aws: context.aws,
      checks: ALL_CHECKS,
      homeRegion: 'us-east-1',
      regions: DEMO_REGIONS,
      clock: systemClock,
    });
    context.inventory = inventory;
    const report = evaluateInventory(inventory, { checks: ALL_CHECKS, toolVersion: TOOL_VERSION });
    printReport(report, context.colour);
    const htmlPath = join(context.workFolder, reportFileName(report, 'html'));
    const html = renderReport(
      report,
      'html',
      { checks: ALL_CHECKS, region: 'us-east-1' },
      { colour: false, showPassed: false },
    );
    await writeFile(htmlPath, [...html].join(''));
    context.say(`\nHTML report: ${htmlPath}`);
  },
};
