import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { AwsClients } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { parseInstant, systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import {
  FRAMEWORKS,
  collectForChecks,
  evaluateInventory,
  exitCodeOf,
  formatConsoleReport,
  loadInventory,
  parseMutelist,
  saveInventory,
  selectChecks,
  type ComplianceFramework,
  type Inventory,
  type Mutelist,
  type ScanReport,
} from '../../scanner';
import { formatComplianceResult, judgeFramework } from '../../scanner/report/compliance';
import { formatHtmlReport } from '../../scanner/report/html';
import { jsonReportChunks } from '../../scanner/report/json';
import { toOcsf } from '../../scanner/report/ocsf';
import type { CommandInput } from '../commands';
import { useColour, type CliIO } from '../io';
import { TOOL_VERSION } from '../../lib/version';

/** Options of `pyjamas scan`, as commander parses them. */
interface ScanFlags {
  readonly region?: string;
  readonly regions?: string[];
  readonly excludedRegions?: string[];
  readonly profile?: string;
  readonly output: 'console' | 'json' | 'ocsf' | 'html';
  readonly outputFile?: string;
  readonly concurrency: number;
  readonly asOf?: string;
  readonly checks?: string[];
  readonly saveInventory?: string;
  readonly inventory?: string;
  readonly mutelist?: string;
  readonly showPassed?: boolean;
  readonly compliance?: string;
}

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
  const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
  const mutelist = flags.mutelist ? await readMutelist(flags.mutelist) : undefined;
  const checks = selectChecks(flags.checks);
  const framework = flags.compliance ? findFramework(flags.compliance) : undefined;

  const inventory = flags.inventory
    ? await loadInventory(flags.inventory)
    : await collect(flags, checks, io);
  if (flags.saveInventory) await saveInventory(flags.saveInventory, inventory);

  const report = evaluateInventory(inventory, {
    checks,
    toolVersion: TOOL_VERSION,
    ...(asOf ? { asOf } : {}),
    ...(mutelist ? { mutelist } : {}),
  });
  const chunks =
    flags.output === 'json'
      ? jsonReportChunks(report)
      : [render(report, flags, framework, !flags.outputFile && useColour(io.stdout, io.env))];
  if (flags.outputFile) {
    await pipeline(Readable.from(chunks), createWriteStream(flags.outputFile));
    io.stderr.write(
      `Report written to ${flags.outputFile}: ${report.summary.failed} failed, ${report.summary.byStatus.ERROR} errors.\n`,
    );
  } else {
    for (const chunk of chunks) io.stdout.write(chunk);
  }
  return exitCodeOf(report);
}

/** The report in a format other than JSON, which is streamed. */
function render(
  report: ScanReport,
  flags: ScanFlags,
  framework: ComplianceFramework | undefined,
  colour: boolean,
): string {
  switch (flags.output) {
    case 'ocsf':
      return `${JSON.stringify(toOcsf(report), null, 2)}\n`;
    case 'html':
      return formatHtmlReport(report);
    default: {
      const text = formatConsoleReport(report, { colour, showPassed: flags.showPassed ?? false });
      return framework
        ? `${text}\n${formatComplianceResult(judgeFramework(framework, report.findings))}`
        : text;
    }
  }
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
  checks: ReturnType<typeof selectChecks>,
  io: CliIO,
): Promise<Inventory> {
  const aws = new AwsClients({
    ...(flags.profile ? { profile: flags.profile } : {}),
    maxConcurrentRequests: flags.concurrency,
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

function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
