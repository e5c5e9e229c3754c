import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rate-limiter';
import type { EvidenceStore } from '../../responders/core/evidence';
import { formatPlan, formatRunRecord, formatStepRecord } from '../../responders/core/format';
import { chooseEvidenceStore } from '../../responders/core/plumbing';
import { respond, type Responder } from '../../responders/core/respond';
import { prepareEvidenceBucket } from '../../responders/isolate-ec2-instance/evidence-bucket';
import { confirm } from '../confirm';
import { EXIT, type CliIO } from '../io';

/** Flags every responder command shares. */
export interface ResponseFlags {
  readonly region?: string;
  readonly profile?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  /** A bucket name, or false for `--no-evidence-bucket` (commander pairs the two flags). */
  readonly evidenceBucket?: string | false;
  readonly output: 'console' | 'json';
}

/** Clients, region and evidence store of one responder command. */
export interface ResponseSession {
  readonly aws: AwsClients;
  readonly region: string;
  readonly evidence: EvidenceStore;
  /** The evidence bucket's region; undefined for a local store. */
  readonly evidenceRegion?: string;
}

/**
 * Opens the clients, resolves the region and chooses the evidence store (refusing to go on
 * without one unless `--no-evidence-bucket`), runs `work`, and closes the clients.
 */
export async function withResponseSession<T>(flags: ResponseFlags, work: (session: ResponseSession) => Promise<T>): Promise<T> {
  const aws = new AwsClients(flags.profile ? { profile: flags.profile } : {});
  try {
    const region = await resolveHomeRegion({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    const globalRegion = globalRegionOf(partitionOfRegion(region));
    const evidence = await chooseEvidenceStore({
      aws,
      clock: systemClock,
      region,
      globalRegion,
      ...(flags.evidenceBucket ? { bucket: flags.evidenceBucket } : {}),
      noEvidenceBucket: flags.evidenceBucket === false,
    });
    const evidenceRegion = await prepareEvidenceBucket(aws, evidence, globalRegion);
    return await work({ aws, region, evidence, ...(evidenceRegion ? { evidenceRegion } : {}) });
  } finally {
    aws.destroy();
  }
}

/**
 * Plan, confirm, execute, print. Without `--yes` (and outside a dry run) the target is read
 * once, the plan shown and confirmed, and exactly that plan runs; otherwise the plan is printed
 * as the run starts. Exit 0 when the response succeeded and verified, 1 when it failed, was
 * degraded, did not verify or was cancelled.
 *
 * @param make - the responder, planning from `prefetched` when given
 */
export async function runResponse<D>(
  io: CliIO,
  flags: ResponseFlags,
  session: ResponseSession,
  make: (prefetched?: D) => Responder<D>,
  limiter?: RateLimiter,
): Promise<number> {
  const ask = !flags.dryRun && !flags.yes;
  const json = flags.output === 'json';
  let prefetched: D | undefined;
  if (ask) {
    const responder = make();
    prefetched = await responder.describe();
    const plan = responder.plan(prefetched);
    io.stdout.write(json ? `${JSON.stringify({ plan }, null, 2)}\n` : formatPlan(plan));
    if (plan.steps.length > 0 && !(await confirm(io, `Run these ${plan.steps.length} steps?`, false))) {
      io.stderr.write('Cancelled: nothing was changed.\n');
      return EXIT.failed;
    }
  }
  const response = await respond(make(prefetched), {
    aws: session.aws,
    clock: systemClock,
    dryRun: flags.dryRun ?? false,
    trigger: { source: 'cli' },
    region: session.region,
    evidence: session.evidence,
    ...(limiter ? { limiter } : {}),
    ...(json || ask ? {} : { onPlan: (plan) => io.stdout.write(formatPlan(plan)) }),
    ...(json ? {} : { onStep: (record) => io.stderr.write(`${formatStepRecord(record)}\n`) }),
  });
  const { record } = response;
  io.stdout.write(json ? `${JSON.stringify({ plan: response.plan, record, evidence: response.evidence ?? null }, null, 2)}\n` : formatRunRecord(record, response.evidence));
  const verified = record.verification.every((result) => result.ok);
  return (record.outcome === 'succeeded' || record.outcome === 'dry-run') && verified ? EXIT.ok : EXIT.failed;
}
