import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_REGIONS, seedDemoAccount } from '../../examples/demo/seed';
import { seedDetectiveControls } from '../fixtures/demo-detective-controls';
import { AwsClients } from '../../lib/aws/clients';
import { SCAN_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import type { ScanReport } from '../../scanner/report/report';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy, type RandomFaults } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';

/**
 * `pyjamas scan` through the fault proxy: what AWS does to a scan while an attacker's own
 * activity uses up the account's API limits. moto never throttles nor fails; the proxy answers
 * in its place with the errors AWS sends, shaped per protocol.
 */
jest.setTimeout(300_000);

const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);

/** The load: 30 % throttling, 5 % HTTP 500/503, and dropped connections. */
const LOAD: RandomFaults = { seed: 15, throttle: 0.3, serverError: 0.05, drop: 0.03 };

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pyjamas-scan-faults-'));
  const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
  try {
    await seedDemoAccount(aws);
    await seedDetectiveControls(aws);
  } finally {
    aws.destroy();
  }
}, 120_000);

afterAll(async () => {
  faults.proxy.setRandomFaults(undefined);
  await rm(folder, { recursive: true, force: true });
});

/** Scans the demo account through the proxy; answers the JSON report. */
async function scan(name: string): Promise<ScanReport> {
  const file = join(folder, `${name}.json`);
  const run = await runPyjamas(
    [
      'scan',
      '--region',
      'us-east-1',
      '--regions',
      DEMO_REGIONS.join(','),
      '--output',
      'json',
      '--output-file',
      file,
    ],
    faults.proxy.env(moto.server.env),
  );
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`pyjamas scan exited with ${run.code}: ${run.stderr}`);
  }
  return JSON.parse(await readFile(file, 'utf8')) as ScanReport;
}

/** Each finding as `id check status`, sorted: what two scans of one account must share. */
const verdicts = (report: ScanReport) =>
  report.findings.map((finding) => `${finding.id} ${finding.checkId} ${finding.status}`).sort();

describe('pyjamas scan under throttling, server errors and dropped connections', () => {
  test('gives exactly the findings of a clean scan of the same account', async () => {
    // Prepare
    const clean = await scan('clean');
    faults.proxy.reset();
    faults.proxy.setRandomFaults(LOAD);

    // Act
    const faulted = await scan('faulted');

    // Assess
    faults.proxy.setRandomFaults(undefined);
    expect(verdicts(faulted)).toEqual(verdicts(clean));
    expect(faulted.summary.byStatus).toEqual(clean.summary.byStatus);
    // The faulted scan did meet the load: a fifth or more of its requests throttled, and both
    // server errors and dropped connections among them.
    const injected = faults.proxy.faultCounts();
    expect(injected.throttle).toBeGreaterThan(faults.proxy.log.length / 5);
    expect(injected['server-error']).toBeGreaterThan(0);
    expect(injected.drop).toBeGreaterThan(0);
    expect(Object.keys(faults.proxy.retriesByApi()).length).toBeGreaterThan(10);
  });

  test('a read that fails on every attempt is an ERROR naming its API and region, after a bounded number of attempts', async () => {
    // Prepare
    faults.proxy.inject({
      match: (request) => request.action === 'DescribeFlowLogs' && request.region === 'eu-west-1',
      fault: { kind: 'server-error' },
    });

    // Act
    const report = await scan('always-failing');

    // Assess
    const errors = report.findings.filter((finding) => finding.status === 'ERROR');
    const flowLogErrors = errors.filter((finding) =>
      finding.message.includes('ec2:DescribeFlowLogs failed in eu-west-1'),
    );
    expect(flowLogErrors.length).toBeGreaterThan(0);
    expect(flowLogErrors.every((finding) => finding.region === 'eu-west-1')).toBe(true);
    expect(flowLogErrors[0]?.message).toMatch(/InternalError/);
    const attempts = faults.proxy
      .requestsOf('DescribeFlowLogs')
      .filter((request) => request.fault === 'server-error');
    expect(attempts).toHaveLength(SCAN_RETRY_POLICY.maxAttempts);
    // The same read in the other region, never failed, still gives its verdicts.
    expect(
      report.findings.some(
        (finding) =>
          finding.checkId === 'vpc_flow_logs_enabled' &&
          finding.region === 'us-east-1' &&
          finding.status !== 'ERROR',
      ),
    ).toBe(true);
  });
});
