import { S3EvidenceStore } from '../../responders/core/evidence';
import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { validateCaseId } from '../../responders/core/case-id';
import { chooseEvidenceStore } from '../../responders/core/plumbing';
import { respond } from '../../responders/core/respond';
import { planIsolation, type IsolationOptions } from '../../responders/isolate-ec2-instance/plan';
import { prepareEvidenceBucket } from '../../responders/isolate-ec2-instance/evidence-bucket';
import { describeInstance, GROUP_ID, validateInstanceId, type ReadRequest } from '../../responders/isolate-ec2-instance/read';
import { isolationResponder } from '../../responders/isolate-ec2-instance/responder';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';
import { confirmPlan, printingHooks, reportResponse, type ResponseOutput } from './response-output';

/** Options of `pyjamas isolate-instance`, as commander parses them. */
interface IsolateFlags {
  readonly case?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  /** A bucket name, or false for `--no-evidence-bucket`. */
  readonly evidenceBucket?: string | false;
  readonly isolationGroup?: string;
  readonly untrackGroup?: string;
  readonly memoryCaptureGroup?: string;
  readonly quarantineProfile?: string;
  readonly asgAction: 'standby' | 'detach';
  readonly disassociateEips?: boolean;
  readonly revokeRoleSessions?: boolean;
  /** true without a value, else the days as text. */
  readonly lockSnapshots?: boolean | string;
  readonly captureMemory?: boolean;
  readonly captureTimeout: string;
  readonly naclHardCut?: boolean;
  readonly output: 'console' | 'json';
}

/** Days a snapshot lock lasts when `--lock-snapshots` is given without a number. */
export const DEFAULT_LOCK_DAYS = 30;

/** Isolates one instance: prints the plan, asks, executes, prints the outcome. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as IsolateFlags;
  const instanceId = validateInstanceId(input.args[0]);
  const caseId = validateCaseId(flags.case);
  for (const [flag, value] of [
    ['--isolation-group', flags.isolationGroup],
    ['--untrack-group', flags.untrackGroup],
    ['--memory-capture-group', flags.memoryCaptureGroup],
  ] as const) {
    if (value !== undefined && !GROUP_ID.test(value)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a security group id (sg-...)`);
  }
  const lockSnapshotDays = lockDays(flags.lockSnapshots);
  const captureTimeout = wholeNumber('--capture-timeout', flags.captureTimeout, 300, 21_600);
  const output: ResponseOutput = { io, format: flags.output };

  const aws = new AwsClients(flags.profile ? { profile: flags.profile } : {});
  try {
    const region = await resolveHomeRegion({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    const evidence = await chooseEvidenceStore({
      aws,
      clock: systemClock,
      region,
      globalRegion: globalRegionOf(partitionOfRegion(region)),
      ...(flags.evidenceBucket ? { bucket: flags.evidenceBucket } : {}),
      noEvidenceBucket: flags.evidenceBucket === false,
    });
    const evidenceRegion = await prepareEvidenceBucket(aws, evidence, globalRegionOf(partitionOfRegion(region)));
    if (flags.captureMemory && !(evidence instanceof S3EvidenceStore && evidenceRegion)) {
      throw new UsageError('--capture-memory uploads the image to the evidence bucket: it cannot be combined with --no-evidence-bucket');
    }
    const capture = flags.captureMemory && evidence instanceof S3EvidenceStore && evidenceRegion ? { bucket: evidence.bucket, bucketRegion: evidenceRegion } : undefined;
    const read: ReadRequest = {
      instanceId,
      region,
      caseId,
      ...(flags.quarantineProfile ? { quarantineProfileName: flags.quarantineProfile } : {}),
      ...(flags.isolationGroup ? { isolationGroupId: flags.isolationGroup } : {}),
      ...(flags.untrackGroup ? { untrackGroupId: flags.untrackGroup } : {}),
      ...(flags.memoryCaptureGroup ? { memoryCaptureGroupId: flags.memoryCaptureGroup } : {}),
      revokeRoleSessions: flags.revokeRoleSessions ?? false,
      lockSnapshots: lockSnapshotDays !== undefined,
      naclHardCut: flags.naclHardCut ?? false,
      ...(capture ? { memoryCapture: capture } : {}),
    };
    const options: IsolationOptions = {
      asgAction: flags.asgAction,
      disassociateEips: flags.disassociateEips ?? false,
      revokeRoleSessions: flags.revokeRoleSessions ?? false,
      ...(lockSnapshotDays !== undefined ? { lockSnapshotDays } : {}),
      ...(capture ? { captureMemory: { bucketRegion: capture.bucketRegion, timeoutSeconds: captureTimeout } } : {}),
      naclHardCut: flags.naclHardCut ?? false,
      now: systemClock.now(),
    };

    // Without --yes the plan is shown and confirmed first; the run then executes that very plan.
    const ask = !flags.dryRun && !flags.yes;
    const prefetched = ask ? await describeInstance(aws, read) : undefined;
    if (prefetched && !(await confirmPlan(output, planIsolation(prefetched, options), false))) return EXIT.failed;

    const response = await respond(isolationResponder({ aws, clock: systemClock, read, options, ...(prefetched ? { prefetched } : {}) }), {
      aws,
      clock: systemClock,
      dryRun: flags.dryRun ?? false,
      trigger: { source: 'cli' },
      region,
      evidence,
      limiter: new RateLimiter(EC2_MUTATION_BUCKETS),
      ...printingHooks(output, ask),
    });
    return reportResponse(output, response);
  } finally {
    aws.destroy();
  }
}

function lockDays(value: boolean | string | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_LOCK_DAYS;
  return wholeNumber('--lock-snapshots', value, 1, 36_500);
}

/** Parses a whole number option within bounds. */
export function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return number;
}
