import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { chooseEvidenceStore } from '../core/plumbing';
import { respond } from '../core/respond';
import { S3EvidenceStore, evidenceBucketRegion } from '../core/evidence';
import { parseConfigRemediationEvent, parseGuardDutyEvent, type IsolationEvent } from './events';
import type { IsolationOptions } from './plan';
import type { ReadRequest } from './read';
import { isolationResponder } from './responder';

/**
 * What a handler returns: small, so that SSM Automation can select from it (`$.Payload`).
 */
export interface IsolationResult {
  readonly instanceId: string;
  readonly caseId: string;
  readonly dryRun: boolean;
  readonly outcome: string;
  readonly runId: string;
  readonly steps: readonly { readonly id: string; readonly status: string }[];
  readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  readonly notes: readonly string[];
  readonly evidence: string | null;
}

// One set of clients and one rate limiter per Lambda container: warm invocations reuse them.
let shared: { aws: AwsClients; limiter: RateLimiter } | undefined;

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError(`environment variable ${name} must be "true" or "false", got ${JSON.stringify(value)}`);
}

/**
 * The response, configured from the function's environment:
 * - PYJAMAS_ENFORCE=true to act; anything else plans and records nothing (dry run).
 * - PYJAMAS_EVIDENCE_BUCKET: the evidence bucket; default the one tagged pyjamas:component=evidence-bucket.
 * - PYJAMAS_ASG_ACTION: standby (default) or detach.
 * - PYJAMAS_QUARANTINE_PROFILE: quarantine instance profile name; default pyjamas-quarantine.
 * - PYJAMAS_DISASSOCIATE_EIPS, PYJAMAS_REVOKE_ROLE_SESSIONS, PYJAMAS_CAPTURE_MEMORY, PYJAMAS_NACL_HARD_CUT: "true" to turn on.
 * - PYJAMAS_LOCK_SNAPSHOT_DAYS: lock snapshots for this many days.
 * - AWS_REGION (set by Lambda): the region when the event names none.
 */
async function isolate(event: IsolationEvent, env: NodeJS.ProcessEnv): Promise<IsolationResult> {
  const dryRun = env.PYJAMAS_ENFORCE !== 'true';
  const asgAction = env.PYJAMAS_ASG_ACTION ?? 'standby';
  if (asgAction !== 'standby' && asgAction !== 'detach') throw new UsageError(`PYJAMAS_ASG_ACTION must be standby or detach, got ${JSON.stringify(asgAction)}`);
  const lockDays = env.PYJAMAS_LOCK_SNAPSHOT_DAYS ? Number(env.PYJAMAS_LOCK_SNAPSHOT_DAYS) : undefined;
  if (lockDays !== undefined && (!Number.isInteger(lockDays) || lockDays < 1 || lockDays > 36_500)) {
    throw new UsageError(`PYJAMAS_LOCK_SNAPSHOT_DAYS must be a whole number of days from 1 to 36500, got ${JSON.stringify(env.PYJAMAS_LOCK_SNAPSHOT_DAYS)}`);
  }
  const captureMemory = flag(env, 'PYJAMAS_CAPTURE_MEMORY');
  const revokeRoleSessions = flag(env, 'PYJAMAS_REVOKE_ROLE_SESSIONS');
  const naclHardCut = flag(env, 'PYJAMAS_NACL_HARD_CUT');
  const region = event.region ?? env.AWS_REGION;
  if (!region) throw new UsageError('the event names no region and AWS_REGION is not set');

  shared ??= { aws: new AwsClients(), limiter: new RateLimiter(EC2_MUTATION_BUCKETS) };
  const { aws, limiter } = shared;
  const globalRegion = globalRegionOf(partitionOfRegion(region));
  const evidence = await chooseEvidenceStore({ aws, clock: systemClock, region, globalRegion, ...(env.PYJAMAS_EVIDENCE_BUCKET ? { bucket: env.PYJAMAS_EVIDENCE_BUCKET } : {}) });
  const evidenceRegion = evidenceBucketRegion(evidence);
  const capture = captureMemory && evidence instanceof S3EvidenceStore && evidenceRegion ? { bucket: evidence.bucket, bucketRegion: evidenceRegion } : undefined;
  const read: ReadRequest = {
    instanceId: event.instanceId,
    region,
    caseId: event.caseId,
    ...(env.PYJAMAS_QUARANTINE_PROFILE ? { quarantineProfileName: env.PYJAMAS_QUARANTINE_PROFILE } : {}),
    revokeRoleSessions,
    lockSnapshots: lockDays !== undefined,
    naclHardCut,
    ...(capture ? { memoryCapture: capture } : {}),
  };
  const options: IsolationOptions = {
    asgAction,
    disassociateEips: flag(env, 'PYJAMAS_DISASSOCIATE_EIPS'),
    revokeRoleSessions,
    ...(lockDays !== undefined ? { lockSnapshotDays: lockDays } : {}),
    // The handler only starts the capture: aws:invokeLambdaFunction gives it 300 s at most.
    ...(capture ? { captureMemory: { bucketRegion: capture.bucketRegion, timeoutSeconds: 3600 } } : {}),
    naclHardCut,
    now: systemClock.now(),
  };
  const response = await respond(isolationResponder({ aws, clock: systemClock, read, options }), {
    aws,
    clock: systemClock,
    dryRun,
    trigger: event.trigger,
    region,
    evidence,
    limiter,
  });
  const { record } = response;
  return {
    instanceId: event.instanceId,
    caseId: event.caseId,
    dryRun,
    outcome: record.outcome,
    runId: record.runId,
    steps: record.steps.map((step) => ({ id: step.id, status: step.status })),
    verification: record.verification.map((result) => ({ check: result.check, ok: result.ok })),
    notes: record.notes,
    evidence: response.evidence ? `${response.evidence.location}/${response.evidence.manifestKey}` : null,
  };
}

/**
 * EventBridge target for GuardDuty findings about EC2 instances (rule pattern: source
 * aws.guardduty, detail-type "GuardDuty Finding", detail.resource.resourceType "Instance").
 * Malformed events are rejected before any AWS call.
 */
export async function guardDutyHandler(event: unknown): Promise<IsolationResult> {
  return isolate(parseGuardDutyEvent(event), process.env);
}

/**
 * Target of the SSM Automation document an AWS Config remediation runs
 * (`aws:invokeLambdaFunction` with InputPayload `{ "ResourceId": "{{ InstanceId }}" }`).
 * Returns within the step's 300 s: long work (snapshot completion, memory capture) is only started.
 */
export async function configRemediationHandler(event: unknown): Promise<IsolationResult> {
  return isolate(parseConfigRemediationEvent(event), process.env);
}
