import { formatConsoleReport, type ScanReport } from '../../scanner';

/** Prints the console summary of a scan on stdout, the same text `pyjamas scan` prints. */
export function printReport(report: ScanReport, colour: boolean): void {
  process.stdout.write(formatConsoleReport(report, { colour }));
}
