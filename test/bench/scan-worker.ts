import { AwsClients, apiName, type ApiCall } from '../../lib/aws/clients';
import { SCAN_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import { systemClock } from '../../lib/clock';
import { TOOL_VERSION } from '../../lib/version';
import { ALL_CHECKS, collectForChecks, evaluateInventory } from '../../scanner';

/**
 * One scan in a process of its own, so that its peak RSS is the scan's alone. Prints its figures
 * as one JSON line. Environment: AWS_ENDPOINT_URL and credentials; argv: regions, concurrency.
 */
async function main(): Promise<void> {
  const [regions = 'us-east-1', concurrency = '10'] = process.argv.slice(2);
  const calls = new Map<string, number>();
  const requests = new Map<string, number>();
  const count = (counts: Map<string, number>) => (call: ApiCall) => {
    const name = apiName(call);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const aws = new AwsClients({
    maxConcurrentRequests: Number(concurrency),
    retryPolicy: SCAN_RETRY_POLICY,
    onApiCall: count(calls),
    onRequest: count(requests),
  });
  const started = performance.now();
  const inventory = await collectForChecks({
    aws,
    checks: ALL_CHECKS,
    homeRegion: 'us-east-1',
    regions: regions.split(','),
    clock: systemClock,
  });
  const collected = performance.now();
  const report = evaluateInventory(inventory, { checks: ALL_CHECKS, toolVersion: TOOL_VERSION });
  const finished = performance.now();
  aws.destroy();
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    `${JSON.stringify({
      collectMs: Math.round(collected - started),
      evaluateMs: Math.round(finished - collected),
      totalMs: Math.round(finished - started),
      maxRssMb,
      findings: report.summary.findings,
      byStatus: report.summary.byStatus,
      inventoryBytes: JSON.stringify(inventory).length,
      calls: Object.fromEntries([...calls].sort((a, b) => b[1] - a[1])),
      requests: Object.fromEntries(requests),
      errors: report.findings
        .filter((finding) => finding.status === 'ERROR')
        .map((finding) => `${finding.checkId} ${finding.region}: ${finding.message}`),
    })}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
