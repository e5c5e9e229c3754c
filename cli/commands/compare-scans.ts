import { readFile } from 'node:fs/promises';
import { UsageError } from '../../lib/errors';
import { compareReports } from '../../scanner/diff/variance';
import { formatVariance } from '../../scanner/diff/format';
import { REPORT_SCHEMA_VERSION, type ScanReport } from '../../scanner';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';

/** Compares two JSON reports; exit 1 when the later scan has new failures. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const [beforePath, afterPath] = input.args as [string, string];
  const variance = compareReports(await readReport(beforePath), await readReport(afterPath));
  io.stdout.write(
    input.options.output === 'json'
      ? `${JSON.stringify(variance, null, 2)}\n`
      : formatVariance(variance),
  );
  return variance.newFailures.length > 0 ? EXIT.failed : EXIT.ok;
}

async function readReport(path: string): Promise<ScanReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read scan report ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const report = parsed as Partial<ScanReport> | null;
  const major = (version: unknown) => String(version).split('.')[0];
  if (
    typeof report !== 'object' ||
    report === null ||
    !Array.isArray(report.findings) ||
    typeof report.account !== 'string'
  ) {
    throw new UsageError(`${path} is not a Pyjamas JSON scan report (pyjamas scan --output json)`);
  }
  if (major(report.schemaVersion) !== major(REPORT_SCHEMA_VERSION)) {
    throw new UsageError(
      `${path} has report schema ${String(report.schemaVersion)}; this Pyjamas reads ${REPORT_SCHEMA_VERSION}`,
    );
  }
  return report as ScanReport;
}
