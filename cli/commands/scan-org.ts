import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsClients, type AwsClientsOptions } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import type { Check, Inventory, ScanReport } from '../../scanner';
import { DEFAULT_ORGANIZATION_ROLE } from '../../scanner/organization/assume-role';
import {
  DEFAULT_ACCOUNT_CONCURRENCY,
  scanOrganization,
} from '../../scanner/organization/scan-organization';
import {
  formatOrganizationSummary,
  organizationExitCode,
} from '../../scanner/organization/summary';
import {
  renderReport,
  reportFileName,
  type RenderContext,
  type ReportFormat,
} from '../../scanner/report/render';
import type { CliIO } from '../io';

/** The summary's file name in `--output-dir`. */
export const ORGANIZATION_SUMMARY_FILE = 'organization-summary.json';

/** What `scan --org` needs from the flags, already checked. */
export interface OrganizationFlags {
  readonly region?: string;
  readonly regions?: string[];
  readonly excludedRegions?: string[];
  readonly profile?: string;
  readonly output: readonly ReportFormat[];
  readonly outputDir: string;
  readonly concurrency: number;
  readonly roleName?: string;
  readonly externalId?: string;
  readonly accounts?: string[];
  readonly excludedAccounts?: string[];
  readonly accountConcurrency?: number;
  readonly showPassed?: boolean;
  /** The scan settings' `createdSince`, from which CloudTrail creation events are read. */
  readonly createdSince?: string;
}

/**
 * Scans the organization, writes each account's reports and `organization-summary.json` into
 * the output folder, prints the summary, and returns the exit code.
 */
export async function scanOrganizationCommand(
  flags: OrganizationFlags,
  checks: readonly Check[],
  judge: (inventory: Inventory) => ScanReport,
  io: CliIO,
): Promise<number> {
  const callerClientOptions: AwsClientsOptions = flags.profile ? { profile: flags.profile } : {};
  const caller = new AwsClients({
    ...callerClientOptions,
    maxConcurrentRequests: flags.concurrency,
  });
  try {
    const homeRegion = await resolveHomeRegion({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    });
    await mkdir(flags.outputDir, { recursive: true });
    const summary = await scanOrganization({
      caller,
      callerClientOptions,
      homeRegion,
      roleName: flags.roleName ?? DEFAULT_ORGANIZATION_ROLE,
      ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
      selection: {
        ...(flags.accounts ? { accounts: flags.accounts } : {}),
        ...(flags.excludedAccounts ? { excludedAccounts: flags.excludedAccounts } : {}),
      },
      accountConcurrency: flags.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
      requestConcurrency: flags.concurrency,
      checks,
      ...(flags.createdSince ? { createdSince: flags.createdSince } : {}),
      ...(flags.regions ? { regions: flags.regions } : {}),
      ...(flags.excludedRegions ? { excludedRegions: flags.excludedRegions } : {}),
      clock: systemClock,
      judge,
      file: (report, inventory) =>
        writeReports(report, flags, { checks, region: inventory.globalRegion }),
      onAccount: (outcome) =>
        io.stderr.write(
          `${outcome.account.id}: ${outcome.status === 'scanned' ? `scanned, ${outcome.summary.failed} failed` : outcome.status}\n`,
        ),
    });
    const target = join(flags.outputDir, ORGANIZATION_SUMMARY_FILE);
    await writeFile(target, `${JSON.stringify(summary, null, 2)}\n`);
    io.stdout.write(formatOrganizationSummary(summary));
    io.stderr.write(`Organization summary written to ${target}.\n`);
    return organizationExitCode(summary);
  } finally {
    caller.destroy();
  }
}

async function writeReports(
  report: ScanReport,
  flags: OrganizationFlags,
  context: RenderContext,
): Promise<string[]> {
  const files: string[] = [];
  for (const format of flags.output) {
    const target = join(flags.outputDir, reportFileName(report, format));
    const chunks = renderReport(report, format, context, {
      colour: false,
      showPassed: flags.showPassed ?? false,
    });
    await pipeline(Readable.from(chunks), createWriteStream(target));
    files.push(target);
  }
  return files;
}
