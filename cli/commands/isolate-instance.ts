import { validateInstanceProfileName } from '../../lib/aws/names';
import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { EC2_MUTATION_BUCKETS, RateLimiter } from '../../lib/rate-limiter';
import { validateCaseId } from '../../responders/core/case-id';
import { S3EvidenceStore, type EvidenceStore } from '../../responders/core/evidence';
import { stopWithCapture, type IsolationOptions } from '../../responders/isolate-ec2-instance/plan';
import {
  GROUP_ID,
  validateInstanceId,
  type ReadRequest,
} from '../../responders/isolate-ec2-instance/read';
import { isolationResponder } from '../../responders/isolate-ec2-instance/responder';
import type { CommandInput } from '../commands';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';

/** Options of `pyjamas isolate-instance`, as commander parses them. */
interface IsolateFlags extends ResponseFlags {
  readonly case?: string;
  readonly isolationGroup?: string;
  readonly untrackGroup?: string;
  readonly memoryCaptureGroup?: string;
  readonly quarantineProfile?: string;
  readonly keepInstanceProfile?: boolean;
  readonly asgAction: 'standby' | 'detach';
  readonly disassociateEips?: boolean;
  readonly revokeRoleSessions?: boolean;
  /** true without a value, else the days as text. */
  readonly lockSnapshots?: boolean | string;
  readonly captureMemory?: boolean;
  readonly captureTimeout: string;
  readonly naclHardCut?: boolean;
  readonly stop?: boolean;
}

/** Days a snapshot lock lasts when `--lock-snapshots` is given without a number. */
export const DEFAULT_LOCK_DAYS = 30;

/** Isolates one instance: prints the plan, asks, executes, prints the outcome. */
export async function run(
  input: CommandInput,
  io: Parameters<typeof runResponse>[0],
): Promise<number> {
  const flags = input.options as unknown as IsolateFlags;
  const instanceId = validateInstanceId(input.args[0]);
  const caseId = validateCaseId(flags.case);
  for (const [flag, value] of [
    ['--isolation-group', flags.isolationGroup],
    ['--untrack-group', flags.untrackGroup],
    ['--memory-capture-group', flags.memoryCaptureGroup],
  ] as const) {
    if (value !== undefined && !GROUP_ID.test(value))
      throw new UsageError(`${flag} ${JSON.stringify(value)} is not a security group id (sg-...)`);
  }
  if (flags.quarantineProfile !== undefined)
    validateInstanceProfileName(flags.quarantineProfile, '--quarantine-profile');
  const lockSnapshotDays = lockDays(flags.lockSnapshots);
  const captureTimeout = wholeNumber('--capture-timeout', flags.captureTimeout, 300, 21_600);
  // Refused before any AWS call: nothing is read, nothing changes.
  if (flags.stop && flags.captureMemory) throw stopWithCapture(instanceId, caseId);

  return withResponseSession(flags, io, async (session) => {
    const bucket = session.evidence instanceof S3EvidenceStore ? session.evidence : undefined;
    if (flags.captureMemory && !bucket) {
      throw new UsageError(
        '--capture-memory uploads the image to the evidence bucket: it needs one (it cannot be combined with --no-evidence-bucket)',
      );
    }
    const capture = flags.captureMemory ? bucket : undefined;
    const read: ReadRequest = {
      instanceId,
      region: session.region,
      caseId,
      ...(flags.quarantineProfile ? { quarantineProfileName: flags.quarantineProfile } : {}),
      ...(flags.isolationGroup ? { isolationGroupId: flags.isolationGroup } : {}),
      ...(flags.untrackGroup ? { untrackGroupId: flags.untrackGroup } : {}),
      ...(flags.memoryCaptureGroup ? { memoryCaptureGroupId: flags.memoryCaptureGroup } : {}),
      revokeRoleSessions: flags.revokeRoleSessions ?? false,
      lockSnapshots: lockSnapshotDays !== undefined,
      naclHardCut: flags.naclHardCut ?? false,
      stop: flags.stop ?? false,
      ...(capture ? { memoryCapture: capture } : {}),
      // What earlier runs made is reused only when the case's records name it, in the bucket or
      // in the local case folder a refused run fell back to.
      records: [session.evidence, session.fallbackEvidence].filter(
        (store): store is EvidenceStore => store !== undefined,
      ),
    };
    const options: IsolationOptions = {
      asgAction: flags.asgAction,
      disassociateEips: flags.disassociateEips ?? false,
      revokeRoleSessions: flags.revokeRoleSessions ?? false,
      keepInstanceProfile: flags.keepInstanceProfile ?? false,
      ...(lockSnapshotDays !== undefined ? { lockSnapshotDays } : {}),
      ...(capture
        ? { captureMemory: { bucketRegion: capture.region, timeoutSeconds: captureTimeout } }
        : {}),
      naclHardCut: flags.naclHardCut ?? false,
      stop: flags.stop ?? false,
      now: systemClock.now(),
    };
    return runResponse(
      io,
      flags,
      session,
      isolationResponder({ aws: session.aws, clock: systemClock, read, options }),
      { limiter: new RateLimiter(EC2_MUTATION_BUCKETS) },
    );
  });
}

function lockDays(value: boolean | string | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_LOCK_DAYS;
  return wholeNumber('--lock-snapshots', value, 1, 36_500);
}

/** Parses a whole-number option within bounds. */
export function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new UsageError(
      `${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  return number;
}
