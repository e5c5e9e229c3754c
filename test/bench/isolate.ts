/**
 * `npm run bench:isolate`: isolates instances on a private moto server and prints
 * - the sequential AWS round trips before every interface sits in the isolation group,
 * - the time to containment and to completion for one instance (two interfaces, Auto Scaling,
 *   target group, three volumes),
 * - the time to isolate 50 instances at once, with one shared rate limiter.
 * moto answers in milliseconds, so the times measure the responder's own overhead and its
 * sequencing, not AWS's latency; the round-trip count is what carries over to AWS.
 */
import { cpus, loadavg } from 'node:os';
import {
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AwsClients, type SdkClient, type SdkClientClass } from '../../lib/aws/clients';
import { systemClock } from '../../lib/clock';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { S3EvidenceStore } from '../../responders/core/evidence';
import { respond, type Response } from '../../responders/core/respond';
import type { IsolationOptions } from '../../responders/isolate-ec2-instance/plan';
import { isolationResponder } from '../../responders/isolate-ec2-instance/responder';
import { startMotoServer } from '../../lib/emulator/moto-server';
import {
  seedPlumbing,
  seedWebServer,
  type ClientSource,
} from '../integration/isolate-ec2-instance.seed';

const REGION = 'us-east-1';
const MASS = 50;
/** moto's default account, which owns everything the bench seeds. */
const MOTO_ACCOUNT = '123456789012';

/** One API call with its start and end, in ms since the run began. */
interface TimedCall {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** AwsClients that time every call, to find the critical path of a run. */
class TimedClients extends AwsClients {
  readonly calls: TimedCall[] = [];
  private readonly instrumented = new WeakSet<object>();
  origin = performance.now();

  override get<C extends SdkClient>(ClientClass: SdkClientClass<C>, region: string): C {
    const client = super.get(ClientClass, region);
    if (!this.instrumented.has(client)) {
      this.instrumented.add(client);
      type Next = (args: unknown) => Promise<unknown>;
      client.middlewareStack.add(
        (next: Next, context: { commandName?: string }) => async (args: unknown) => {
          const start = performance.now() - this.origin;
          try {
            return await next(args);
          } finally {
            this.calls.push({
              name: (context.commandName ?? '?').replace(/Command$/, ''),
              start,
              end: performance.now() - this.origin,
            });
          }
        },
        { step: 'initialize', name: 'benchTiming', override: true },
      );
    }
    return client;
  }
}

/** Depth of each call: 1 + the deepest call that had ended before it started. */
function depths(calls: readonly TimedCall[]): Map<TimedCall, number> {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth = new Map<TimedCall, number>();
  for (const call of sorted) {
    const before = sorted
      .filter((other) => other.end <= call.start)
      .map((other) => depth.get(other) ?? 1);
    depth.set(call, 1 + Math.max(0, ...before));
  }
  return depth;
}

/** What went out in each round trip up to `last`: the calls of each depth, by name. */
function roundTrips(
  calls: readonly TimedCall[],
  depth: ReadonlyMap<TimedCall, number>,
  last: number,
): string {
  const trips: string[] = [];
  for (let level = 1; level <= last; level += 1) {
    const names = [
      ...new Set(calls.filter((call) => depth.get(call) === level).map((call) => call.name)),
    ];
    const shown = names.slice(0, 4).join(', ');
    trips.push(`${level}: ${shown}${names.length > 4 ? ` +${names.length - 4} more` : ''}`);
  }
  return trips.join(' | ');
}

/** The load averages over 1, 5 and 15 minutes: figures measured on a busy machine are no figures. */
function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

const options: IsolationOptions = {
  asgAction: 'standby',
  disassociateEips: false,
  revokeRoleSessions: false,
  naclHardCut: false,
  now: new Date(),
};

async function isolate(
  aws: AwsClients,
  store: S3EvidenceStore,
  limiter: RateLimiter,
  instanceId: string,
  caseId: string,
): Promise<Response> {
  const read = { instanceId, region: REGION, caseId };
  return respond(isolationResponder({ aws, clock: systemClock, read, options }), {
    aws,
    clock: systemClock,
    dryRun: false,
    trigger: { source: 'cli' },
    region: REGION,
    evidence: store,
    limiter,
  });
}

/** Containment happened: the run succeeded, or only its evidence was degraded. */
function contained(response: Response): boolean {
  return response.record.outcome === 'succeeded' || response.record.outcome === 'degraded';
}

async function main(): Promise<void> {
  const server = await startMotoServer();
  const seedClients = new AwsClients({ env: server.env, maxAttempts: 1 });
  const moto: ClientSource = {
    client: <C extends SdkClient>(ClientClass: SdkClientClass<C>, region = REGION) =>
      seedClients.get(ClientClass, region),
  };
  for (const [name, value] of Object.entries(server.env)) process.env[name] = value;
  try {
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'bench');

    // One instance, timed call by call.
    const timed = new TimedClients({ env: server.env });
    const store = new S3EvidenceStore(timed, plumbing.bucket, REGION, {
      clock: systemClock,
      expectedOwner: MOTO_ACCOUNT,
    });
    timed.calls.length = 0;
    timed.origin = performance.now();
    const single = await isolate(
      timed,
      store,
      new RateLimiter(EC2_MUTATION_BUCKETS),
      web.instanceId,
      'BENCH-1',
    );
    const completion = performance.now() - timed.origin;
    const depth = depths(timed.calls);
    const swaps = timed.calls.filter((call) => call.name === 'ModifyNetworkInterfaceAttribute');
    // No figure is printed for an isolation that did not happen: say what went wrong instead.
    const stepFailures = (response: Response) =>
      response.record.steps
        .filter((step) => step.status === 'failed')
        .map(
          (step) =>
            `${step.id} (${step.error ? `${step.error.name}: ${step.error.message}` : 'failed'})`,
        );
    const [firstSwap] = swaps;
    if (!contained(single) || !firstSwap) {
      throw new Error(
        `the timed isolation did not contain the instance: outcome ${single.record.outcome}; failed steps: ${stepFailures(single).join(', ') || 'none'}`,
      );
    }
    const lastSwap = swaps.reduce(
      (latest, call) => (call.end > latest.end ? call : latest),
      firstSwap,
    );
    // The read is every call that had answered before the pre-state (the run's first PutObject)
    // was sent; what follows is the go-ahead to containment.
    const filing = timed.calls
      .filter((call) => call.name === 'PutObject')
      .reduce<TimedCall | undefined>(
        (first, call) => (!first || call.start < first.start ? call : first),
        undefined,
      );
    const readDepth = Math.max(
      0,
      ...timed.calls
        .filter((call) => call.end <= (filing?.start ?? 0))
        .map((call) => depth.get(call) ?? 0),
    );
    const path = roundTrips(timed.calls, depth, depth.get(lastSwap) ?? 0);
    const failed = single.record.steps.filter((step) => step.status === 'failed');
    const callCount = timed.calls.length;

    // Fifty instances at once, two interfaces each: 200 interface changes against a bucket of 100 then 5/s.
    const ec2 = seedClients.get(EC2Client, REGION);
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        InstanceType: 't3.micro',
        MinCount: MASS,
        MaxCount: MASS,
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: plumbing.subnetId, Groups: [plumbing.workloadGroupId] },
        ],
      }),
    );
    const ids = (launched.Instances ?? []).map((instance) => instance.InstanceId as string);
    for (const instanceId of ids) {
      const eni = await ec2.send(
        new CreateNetworkInterfaceCommand({
          SubnetId: plumbing.subnetId,
          Groups: [plumbing.workloadGroupId],
        }),
      );
      await ec2.send(
        new AttachNetworkInterfaceCommand({
          NetworkInterfaceId: eni.NetworkInterface?.NetworkInterfaceId,
          InstanceId: instanceId,
          DeviceIndex: 1,
        }),
      );
    }
    const massClients = new TimedClients({ env: server.env });
    const limiter = new RateLimiter(EC2_MUTATION_BUCKETS);
    const loadBefore = load();
    const massStart = performance.now();
    massClients.origin = massStart;
    const responses = await Promise.all(
      ids.map((instanceId, index) =>
        isolate(massClients, store, limiter, instanceId, `BENCH-MASS-${index + 1}`),
      ),
    );
    const massTime = performance.now() - massStart;
    const loadAfter = load();
    // Where the time goes: before the first interface change (the reads and filings of the
    // first runs), the interface changes the bucket spaces out, and after the last of them.
    const massSwaps = massClients.calls.filter(
      (call) => call.name === 'ModifyNetworkInterfaceAttribute',
    );
    const firstMassSwap = Math.min(...massSwaps.map((call) => call.start));
    const lastMassSwap = Math.max(...massSwaps.map((call) => call.end));
    const outcomes = responses.reduce<Record<string, number>>(
      (counts, response) => ({
        ...counts,
        [response.record.outcome]: (counts[response.record.outcome] ?? 0) + 1,
      }),
      {},
    );
    massClients.destroy();
    timed.destroy();
    const uncontained = responses.filter((response) => !contained(response));
    if (uncontained.length > 0) {
      throw new Error(
        `${uncontained.length} of ${MASS} isolations did not contain their instance (outcomes ${JSON.stringify(outcomes)}); first: ${stepFailures(uncontained[0] as Response).join(', ')}`,
      );
    }

    const bucket = EC2_MUTATION_BUCKETS['ec2:ModifyNetworkInterfaceAttribute'] as {
      burst: number;
      perSecond: number;
    };
    const floorMs = (Math.max(0, MASS * 4 - bucket.burst) / bucket.perSecond) * 1000;
    const lines = [
      'bench:isolate (moto, one region)',
      `  one instance: 2 interfaces, Auto Scaling group, target group, 3 volumes; outcome ${single.record.outcome}${failed.length ? ` (failed: ${failed.map((s) => s.id).join(', ')})` : ''}`,
      `  sequential AWS round trips before every interface is in the isolation group: ${depth.get(lastSwap)} (read: ${readDepth}; from the go-ahead: ${(depth.get(lastSwap) ?? 0) - readDepth}, target 4 or fewer)`,
      `    by round trip: ${path}`,
      `  time to containment: ${lastSwap.end.toFixed(0)} ms`,
      `  time to completion (snapshots started, evidence filed, verified): ${completion.toFixed(0)} ms`,
      `  AWS calls in the run: ${callCount}`,
      `  ${MASS} instances at once (2 interfaces each, one shared rate limiter): ${(massTime / 1000).toFixed(1)} s; outcomes ${JSON.stringify(outcomes)}`,
      `    rate-limit floor (ModifyNetworkInterfaceAttribute bucket, ${bucket.burst} at once then ${bucket.perSecond}/s, ${MASS * 4} calls): ${(floorMs / 1000).toFixed(1)} s; ${floorMs > 0 ? `${((massTime / floorMs - 1) * 100).toFixed(0)}% above it (target 10% or less)` : 'no floor at this size'}`,
      `    first interface change sent at ${(firstMassSwap / 1000).toFixed(1)} s, last answered at ${(lastMassSwap / 1000).toFixed(1)} s, last run done ${((massTime - lastMassSwap) / 1000).toFixed(1)} s later; ${massClients.calls.length} AWS calls`,
      `    load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter} on ${cpus().length} cores`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    seedClients.destroy();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:isolate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
