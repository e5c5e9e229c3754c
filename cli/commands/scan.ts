import '../memory-mode';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { AwsClients } from '../../lib/aws/clients';
import { SCAN_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import { resolveHomeRegion } from '../../lib/aws/region';
import { parseInstant, systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import {
  FRAMEWORKS,
  collectForChecks,
  evaluateInventory,
  exitCodeOf,
  loadInventory,
  parseMutelist,
  saveInventory,
  type Check,
  type ComplianceFramework,
  type Inventory,
  type Mutelist,
  type ScanConfig,
  type ScanReport,
} from '../../scanner';
import { filterChecks } from '../../scanner/check-filter';
import { importIntoSecurityHub } from '../../scanner/publish/security-hub';
import { judgeFramework } from '../../scanner/report/compliance';
import { renderReport, reportFileName, type ReportFormat } from '../../scanner/report/render';
import { parseScanSettings, resolveScanConfig } from '../../scanner/scan-config';
import type { CommandInput } from '../commands';
import { scanOrganizationCommand } from './scan-org';
import { useColour, type CliIO } from '../io';
import { TOOL_VERSION } from '../../lib/version';

/** Options of `pyjamas scan`, as commander parses them. */
interface ScanFlags {
  readonly region?: string;
  readonly regions?: string[];
  readonly excludedRegions?: string[];
  readonly profile?: string;
  readonly output: readonly ReportFormat[];
  readonly outputFile?: string;
  readonly outputDir?: string;
  readonly concurrency: number;
  readonly asOf?: string;
  readonly checks?: string[];
  readonly excludedChecks?: string[];
  readonly services?: string[];
  readonly severity?: string[];
  readonly securityHub?: boolean;
  readonly maxUnusedCredentialDays?: number;
  readonly maxAccessKeyAgeDays?: number;
  readonly saveInventory?: string;
  readonly inventory?: string;
  readonly mutelist?: string;
  readonly config?: string;
  readonly showPassed?: boolean;
  readonly compliance?: string[];
  readonly org?: boolean;
  readonly roleName?: string;
  readonly externalId?: string;
  readonly accounts?: string[];
  readonly excludedAccounts?: string[];
  readonly accountConcurrency?: number;
}

/** Options that only mean something for an organization scan. */
const ORGANIZATION_ONLY = [
  'roleName',
  'externalId',
  'accounts',
  'excludedAccounts',
  'accountConcurrency',
] as const;

/** Options an organization scan cannot honour: one inventory, one file, one Security Hub. */
const NOT_WITH_ORGANIZATION = ['inventory', 'saveInventory', 'outputFile', 'securityHub'] as const;

/** Scans an account (or a saved inventory) and prints or writes the report. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as ScanFlags;
  if (flags.inventory) {
    const clash = (
      ['regions', 'excludedRegions', 'profile', 'saveInventory', 'region'] as const
    ).filter((name) => flags[name] !== undefined);
    if (clash.length > 0) {
      throw new UsageError(
        `--inventory scans a saved inventory; it cannot be combined with ${clash.map(flagName).join(', ')}`,
      );
    }
  }
  checkOrganizationFlags(flags);
  const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
  const formats = flags.output;
  if (formats.length > 1 && !flags.outputDir)
    throw new UsageError(
      `${formats.length} report formats need --output-dir <dir> to write each to a file`,
    );
  if (flags.outputFile && flags.outputDir)
    throw new UsageError('--output-file and --output-dir cannot be combined; choose one');
  const mutelist = flags.mutelist ? await readMutelist(flags.mutelist) : undefined;
  const checks = filterChecks({
    ...(flags.checks ? { checks: flags.checks } : {}),
    ...(flags.excludedChecks ? { excludedChecks: flags.excludedChecks } : {}),
    ...(flags.services ? { services: flags.services } : {}),
    ...(flags.severity ? { severities: flags.severity } : {}),
  });
  const frameworks = (flags.compliance ?? []).map(findFramework);
  const settings = flags.config ? await readScanSettings(flags.config) : {};
  const { config, notices } = resolveScanConfig({
    ...settings,
    ...(flags.maxUnusedCredentialDays !== undefined
      ? { maxUnusedCredentialDays: flags.maxUnusedCredentialDays }
      : {}),
    ...(flags.maxAccessKeyAgeDays !== undefined
      ? { maxAccessKeyAgeDays: flags.maxAccessKeyAgeDays }
      : {}),
  });
  for (const notice of notices)
    io.stderr.write(
      `Note: ${notice.setting} ${notice.requested} is weaker than the CIS benchmark; using ${notice.used}.\n`,
    );

  const judge = (inventory: Inventory): ScanReport => {
    const judged = evaluateInventory(inventory, {
      checks,
      toolVersion: TOOL_VERSION,
      config,
      ...(asOf ? { asOf } : {}),
      ...(mutelist ? { mutelist } : {}),
    });
    return frameworks.length > 0
      ? {
          ...judged,
          compliance: frameworks.map((framework) => judgeFramework(framework, judged.findings)),
        }
      : judged;
  };
  if (flags.org && flags.outputDir)
    return scanOrganizationCommand(
      {
        ...flags,
        outputDir: flags.outputDir,
        ...(config.createdSince ? { createdSince: config.createdSince } : {}),
      },
      checks,
      judge,
      io,
    );

  const inventory = flags.inventory
    ? await loadInventory(flags.inventory)
    : await collect(flags, checks, io, config.createdSince);
  if (flags.saveInventory) await saveInventory(flags.saveInventory, inventory);
  const report = judge(inventory);
  const context = { checks, region: inventory.globalRegion };
  for (const format of formats) {
    const target = flags.outputDir
      ? join(flags.outputDir, reportFileName(report, format))
      : flags.outputFile;
    const chunks = renderReport(report, format, context, {
      colour: !target && useColour(io.stdout, io.env),
      showPassed: flags.showPassed ?? false,
    });
    if (target) {
      if (flags.outputDir) await mkdir(flags.outputDir, { recursive: true });
      await pipeline(Readable.from(chunks), createWriteStream(target));
      io.stderr.write(
        `Report written to ${target}: ${report.summary.failed} failed, ${report.summary.byStatus.ERROR} errors.\n`,
      );
    } else {
      for (const chunk of chunks) io.stdout.write(chunk);
    }
  }
  if (flags.securityHub) await sendToSecurityHub(flags, report, io);
  return exitCodeOf(report);
}

async function sendToSecurityHub(flags: ScanFlags, report: ScanReport, io: CliIO): Promise<void> {
  const region = await resolveHomeRegion({
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
  });
  const aws = new AwsClients({ ...(flags.profile ? { profile: flags.profile } : {}) });
  try {
    const result = await importIntoSecurityHub(aws, region, report);
    io.stderr.write(
      `Security Hub (${region}) accepted ${result.accepted} of ${report.findings.length} findings.\n`,
    );
    for (const failure of result.failures)
      io.stderr.write(`  refused ${failure.id}: ${failure.code} ${failure.message}\n`);
  } finally {
    aws.destroy();
  }
}

function checkOrganizationFlags(flags: ScanFlags): void {
  if (!flags.org) {
    const stray = ORGANIZATION_ONLY.filter((name) => flags[name] !== undefined);
    if (stray.length > 0)
      throw new UsageError(`${stray.map(flagName).join(', ')} only apply with --org; add --org`);
    return;
  }
  const clash = NOT_WITH_ORGANIZATION.filter((name) => flags[name] !== undefined);
  if (clash.length > 0)
    throw new UsageError(`--org cannot be combined with ${clash.map(flagName).join(', ')}`);
  if (!flags.outputDir)
    throw new UsageError(
      '--org writes one report per account: give --output-dir <dir> for them and the organization summary',
    );
}

function findFramework(id: string): ComplianceFramework {
  const framework = FRAMEWORKS.find((candidate) => candidate.id === id);
  if (!framework)
    throw new UsageError(
      `unknown framework "${id}"; choose one of ${FRAMEWORKS.map((candidate) => candidate.id).join(', ')}`,
    );
  return framework;
}

async function collect(
  flags: ScanFlags,
  checks: readonly Check[],
  io: CliIO,
  createdSince: string | null,
): Promise<Inventory> {
  const aws = new AwsClients({
    ...(flags.profile ? { profile: flags.profile } : {}),
    maxConcurrentRequests: flags.concurrency,
    retryPolicy: SCAN_RETRY_POLICY,
  });
  const bar = io.stderr.isTTY
    ? new SingleBar({
        format: 'Collecting {bar} {value}/{total} {label}',
        stream: io.stderr,
        clearOnComplete: true,
        hideCursor: true,
      })
    : undefined;
  try {
    const homeRegion = await resolveHomeRegion({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    });
    let started = false;
    return await collectForChecks({
      aws,
      checks,
      homeRegion,
      clock: systemClock,
      createdSince,
      ...(flags.regions ? { regions: flags.regions } : {}),
      ...(flags.excludedRegions ? { excludedRegions: flags.excludedRegions } : {}),
      onProgress: ({ done, total, label }) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, 0, { label: '' });
          started = true;
        }
        bar.update(done, { label });
      },
    });
  } finally {
    bar?.stop();
    aws.destroy();
  }
}

function parseAsOf(text: string): Date {
  try {
    return parseInstant(text, '--as-of');
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

async function readMutelist(path: string): Promise<Mutelist> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read mutelist ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseMutelist(text, path);
}

async function readScanSettings(path: string): Promise<Partial<ScanConfig>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read scan settings ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseScanSettings(text, path);
}

function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
