import { appendFile } from 'node:fs/promises';
import { AwsClients, globalRegionOf, partitionOfRegion } from '../lib/aws/clients';
import { resolveHomeRegion } from '../lib/aws/region';
import { RESPONSE_RETRY_POLICY } from '../lib/aws/retry-strategy';
import { systemClock } from '../lib/clock';
import { UsageError } from '../lib/errors';
import type { RateLimiter } from '../lib/rate-limiter';
import {
  LocalEvidenceStore,
  S3EvidenceStore,
  evidenceBucketRegion,
  type EvidenceStore,
} from '../responders/core/evidence';
import { formatPlan, formatRunRecord, formatStepRecord } from '../responders/core/format';
import { DEFAULT_LOCAL_EVIDENCE_DIRECTORY, chooseEvidenceStore } from '../responders/core/plumbing';
import type { RunRecord } from '../responders/core/record';
import { respond, type Responder } from '../responders/core/respond';
import type { Plan } from '../responders/core/step';
import { confirm } from './confirm';
import { EXIT, type CliIO } from './io';

/** Flags every responder command shares. */
export interface ResponseFlags {
  readonly region?: string;
  readonly profile?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  /** A bucket name, or false for `--no-evidence-bucket`. */
  readonly evidenceBucket?: string | false;
  /** The account that must own the evidence bucket; default the caller's. */
  readonly evidenceBucketOwner?: string;
  /** Whose evidence, in a bucket shared by an organization; default the caller's (see EvidenceChoice). */
  readonly evidenceAccount?: string;
  /** File in a bucket without Object Lock in COMPLIANCE mode. */
  readonly unlockedEvidenceBucket?: boolean;
  /** Where to append the new chain head, as a JSON line. */
  readonly chainHeadFile?: string;
  readonly output: 'console' | 'json';
}

/** Clients, region and evidence store of one responder command. */
export interface ResponseSession {
  readonly aws: AwsClients;
  readonly region: string;
  /** Where the record goes; undefined only in a dry run that found no bucket. */
  readonly evidence?: EvidenceStore;
  /** Where the record goes when the evidence bucket refuses it: the local case folder. */
  readonly fallbackEvidence?: EvidenceStore;
  /** The evidence bucket's region; undefined for a local store. */
  readonly evidenceRegion?: string;
}

/**
 * Opens the clients, resolves the region and chooses the evidence store, runs `work`, and closes
 * the clients. A real run refuses to start without an evidence store (unless
 * `--no-evidence-bucket`); a dry run says what is missing and goes on, since it files nothing.
 */
export async function withResponseSession<T>(
  flags: ResponseFlags,
  io: CliIO,
  work: (session: ResponseSession) => Promise<T>,
): Promise<T> {
  const aws = new AwsClients({
    retryPolicy: RESPONSE_RETRY_POLICY,
    ...(flags.profile ? { profile: flags.profile } : {}),
  });
  try {
    const region = await resolveHomeRegion({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    });
    let evidence: EvidenceStore | undefined;
    try {
      evidence = await chooseEvidenceStore({
        aws,
        clock: systemClock,
        region,
        globalRegion: globalRegionOf(partitionOfRegion(region)),
        ...(flags.evidenceBucket ? { bucket: flags.evidenceBucket } : {}),
        ...(flags.evidenceBucketOwner ? { bucketOwner: flags.evidenceBucketOwner } : {}),
        ...(flags.evidenceAccount ? { account: flags.evidenceAccount } : {}),
        noEvidenceBucket: flags.evidenceBucket === false,
        allowUnlocked: flags.unlockedEvidenceBucket === true,
      });
    } catch (error) {
      if (!(flags.dryRun && error instanceof UsageError)) throw error;
      io.stderr.write(`pyjamas: ${error.message} (a real run would refuse to start)\n`);
    }
    const evidenceRegion = evidenceBucketRegion(evidence);
    return await work({
      aws,
      region,
      ...(evidence ? { evidence } : {}),
      ...(evidence instanceof S3EvidenceStore
        ? { fallbackEvidence: new LocalEvidenceStore(DEFAULT_LOCAL_EVIDENCE_DIRECTORY) }
        : {}),
      ...(evidenceRegion ? { evidenceRegion } : {}),
    });
  } finally {
    aws.destroy();
  }
}

/** How a command adds its own words to the generic plan and outcome. */
export interface ResponsePresentation<P extends Plan> {
  /** Lines printed under the plan. */
  planNote?(plan: P): string;
  /** Lines printed under the outcome. */
  recordNote?(record: RunRecord, plan: P): string;
  /** Fields added to the JSON output. */
  json?(plan: P): Record<string, unknown>;
  /** Whether the response achieved its purpose. @default - succeeded (or a dry run) and verified */
  succeeded?(record: RunRecord, plan: P): boolean;
}

/**
 * Plan, confirm, execute, print. The plan is printed before anything is sent; without `--yes`
 * (and outside a dry run) the operator must approve exactly that plan. Exit 0 when the response
 * achieved its purpose and its evidence is in the bucket, 1 when it failed, was degraded (its
 * evidence went to the local case folder, or nowhere), did not verify, or was declined.
 */
export async function runResponse<D, P extends Plan = Plan>(
  io: CliIO,
  flags: ResponseFlags,
  session: ResponseSession,
  responder: Responder<D>,
  options: { readonly limiter?: RateLimiter; readonly presentation?: ResponsePresentation<P> } = {},
): Promise<number> {
  const json = flags.output === 'json';
  const presentation = options.presentation ?? {};
  const showPlan = (plan: Plan) => {
    const text = `${formatPlan(plan)}${presentation.planNote?.(plan as P) ?? ''}`;
    // In JSON mode standard output carries only the final document; the plan goes to stderr.
    (json ? io.stderr : io.stdout).write(text);
  };
  const response = await respond(responder, {
    aws: session.aws,
    clock: systemClock,
    dryRun: flags.dryRun ?? false,
    trigger: { source: 'cli' },
    region: session.region,
    ...(session.evidence ? { evidence: session.evidence } : {}),
    ...(session.fallbackEvidence ? { fallbackEvidence: session.fallbackEvidence } : {}),
    // Said at once on the terminal: the operator learns before containment ends that the
    // evidence is not where it should be.
    onEvidenceProblem: (problem) => io.stderr.write(`pyjamas: EVIDENCE: ${problem}\n`),
    ...(options.limiter ? { limiter: options.limiter } : {}),
    onPlan: showPlan,
    approve: (plan) =>
      confirm(
        io,
        `Run these ${plan.steps.length} steps in account ${plan.target.account}?`,
        flags.yes ?? false,
      ),
    ...(json ? {} : { onStep: (record) => io.stderr.write(`${formatStepRecord(record)}\n`) }),
  });
  const { record } = response;
  const plan = response.plan as P;
  if (record.outcome === 'declined') {
    io.stderr.write('Declined: nothing was changed.\n');
    return EXIT.failed;
  }
  const { evidenceProblems } = response;
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ evidenceProblems, plan, record, evidence: response.evidence ?? null, ...presentation.json?.(plan) }, null, 2)}\n`,
    );
  } else {
    io.stdout.write(
      `${formatRunRecord(record, response.evidence, evidenceProblems)}${presentation.recordNote?.(record, plan) ?? ''}`,
    );
  }
  if (flags.chainHeadFile && response.evidence) {
    const { head } = response.evidence;
    const line = { caseId: head.caseId, runId: record.runId, at: record.finishedAt, head };
    try {
      await appendFile(flags.chainHeadFile, `${JSON.stringify(line)}\n`);
    } catch (error) {
      // The head is printed above as well; a file that cannot be written costs no evidence.
      io.stderr.write(
        `pyjamas: could not append the chain head to ${flags.chainHeadFile}: ${(error as Error).message}\n`,
      );
    }
  }
  const failed = record.steps.filter((step) => step.status === 'failed');
  if (record.outcome === 'degraded' && failed.length > 0) {
    io.stderr.write(
      `pyjamas: containment is done, but ${failed.length} evidence step(s) failed (${failed.map((step) => step.id).join(', ')}); the run record says why.\n`,
    );
  }
  const succeeded = presentation.succeeded
    ? presentation.succeeded(record, plan)
    : (record.outcome === 'succeeded' || record.outcome === 'dry-run') &&
      record.verification.every((result) => result.ok);
  return succeeded && evidenceProblems.length === 0 ? EXIT.ok : EXIT.failed;
}
