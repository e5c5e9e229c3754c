import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import type { ScanReport } from '../../scanner/report/report';
import { runPyjamas } from './cli';
import { useMotoServer, type MotoSuite } from './moto-jest';

/** How {@link useMotoScan} arranges the account and scans it. */
export interface MotoScanOptions {
  /** Prefix of the suite's temporary folder. */
  readonly prefix: string;
  /** The one region arranged and scanned. */
  readonly region: string;
  /** Check ids the scan runs (`--checks`). */
  readonly checks: readonly string[];
  /** Creates the account's resources, with clients on the suite's moto server. */
  arrange(aws: AwsClients): Promise<void>;
  /** Further `scan` arguments, given the suite's folder. */
  readonly extraArgs?: (dir: string) => readonly string[];
  /** @default 1: the arranged account fails some checks */
  readonly exitCode?: number;
}

/** What a suite gets from {@link useMotoScan}; `report` and `dir` are readable inside tests. */
export interface MotoScan {
  readonly moto: MotoSuite;
  readonly report: ScanReport;
  /** The suite's temporary folder: the report and whatever `extraArgs` wrote there. */
  readonly dir: string;
}

/**
 * Gives the test file its moto_server and one CLI scan of it: before the first test the account
 * is arranged, `pyjamas scan --regions <region> --checks … --output json` runs with the
 * server's environment, and its report is read; the folder is removed after the last test.
 */
export function useMotoScan(options: MotoScanOptions): MotoScan {
  const moto = useMotoServer();
  let dir: string | undefined;
  let report: ScanReport | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), options.prefix));
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    try {
      await options.arrange(aws);
    } finally {
      aws.destroy();
    }
    const reportFile = join(dir, 'report.json');
    const run = await runPyjamas(
      [
        'scan',
        '--regions',
        options.region,
        '--checks',
        options.checks.join(','),
        '--output',
        'json',
        '--output-file',
        reportFile,
        ...(options.extraArgs?.(dir) ?? []),
      ],
      moto.server.env,
    );
    expect(run.stderr).not.toContain('Error:');
    expect(run.code).toBe(options.exitCode ?? 1);
    report = JSON.parse(await readFile(reportFile, 'utf8')) as ScanReport;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    moto,
    get report() {
      if (!report) throw new Error('the scan has not run: read the report inside tests');
      return report;
    },
    get dir() {
      if (!dir) throw new Error('the scan folder is not ready: read it inside tests');
      return dir;
    },
  };
}
