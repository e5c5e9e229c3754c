import type { VerificationResult } from '../core/record';
import type { StepRecord } from '../core/step';
import type { InstanceDescription } from './description';
import type { IsolationOptions } from './plan';
import { REPLACEMENT_PROCESSES } from './steps';

const GONE = new Set(['shutting-down', 'terminated']);

/**
 * Post-conditions of an isolation, checked on a fresh read of the instance (`after`) — never on
 * what the steps answered.
 */
export function checkIsolation(
  after: InstanceDescription,
  options: IsolationOptions,
): VerificationResult[] {
  const results: VerificationResult[] = [];
  const check = (name: string, ok: boolean, detail: string) =>
    results.push({ check: name, ok, detail });

  if (!GONE.has(after.state)) {
    for (const eni of after.networkInterfaces.filter((candidate) => !candidate.requesterManaged)) {
      const groups = after.groups[eni.vpcId] ?? {};
      const capture =
        options.captureMemory && after.state === 'running'
          ? groups.memoryCapture?.groupId
          : undefined;
      const wanted = [groups.isolation?.groupId, ...(capture ? [capture] : [])];
      const ok =
        wanted.every(Boolean) &&
        eni.groupIds.length === wanted.length &&
        wanted.every((id) => eni.groupIds.includes(id as string));
      check(
        `isolated ${eni.networkInterfaceId}`,
        ok,
        `holds ${eni.groupIds.join(', ') || 'no group'}; expected ${wanted.map((id) => id ?? 'an isolation group').join(', ')}`,
      );
    }
    if (!after.spot) {
      check(
        'termination protection',
        after.disableApiTermination === true,
        `disableApiTermination is ${String(after.disableApiTermination)}`,
      );
      check(
        'shutdown behaviour',
        after.shutdownBehaviour === 'stop',
        `instance-initiated shutdown ${after.shutdownBehaviour ?? 'unknown'}s the instance`,
      );
    }
    const deleted = after.volumes.filter((volume) => volume.deleteOnTermination === true);
    check(
      'volumes kept on termination',
      deleted.length === 0,
      deleted.length === 0
        ? 'no volume is deleted on termination'
        : `deleted on termination: ${deleted.map((v) => v.volumeId).join(', ')}`,
    );
    const membership = after.autoScaling;
    const suspended = REPLACEMENT_PROCESSES.every((process) =>
      membership?.suspendedProcesses?.includes(process),
    );
    check(
      'out of auto scaling',
      !membership || membership.lifecycleState !== 'InService' || suspended,
      membership
        ? `${membership.lifecycleState} in ${membership.groupName}${suspended ? `, whose ${REPLACEMENT_PROCESSES.join(', ')} processes are suspended` : ''}`
        : 'not in an Auto Scaling group',
    );
    check(
      'out of load balancers',
      after.targetGroups.length === 0 && after.classicLoadBalancers.length === 0,
      after.targetGroups.length + after.classicLoadBalancers.length === 0
        ? 'no target group or Classic Load Balancer sends it traffic'
        : `still registered in ${[...after.targetGroups.map((g) => g.targetGroupArn), ...after.classicLoadBalancers].join(', ')}`,
    );
    if (!options.keepInstanceProfile) {
      const quarantine = after.quarantineProfile;
      check(
        quarantine ? 'quarantine profile' : 'no instance profile',
        quarantine ? after.profile?.arn === quarantine.arn : after.profile === undefined,
        `instance profile is ${after.profile?.arn ?? 'none'}`,
      );
    }
    if (options.stop) {
      check(
        'instance stopped',
        after.state === 'stopping' || after.state === 'stopped',
        `the instance is ${after.state}`,
      );
    }
    if (options.disassociateEips) {
      check(
        'elastic ips removed',
        after.addresses.length === 0,
        after.addresses.length === 0
          ? 'no Elastic IP associated'
          : `still associated: ${after.addresses.map((a) => a.publicIp).join(', ')}`,
      );
    }
  }
  const missing = after.volumes.filter(
    (volume) => !after.caseSnapshots.some((snapshot) => snapshot.volumeId === volume.volumeId),
  );
  check(
    'snapshots filed under the case',
    missing.length === 0,
    missing.length === 0
      ? `${after.caseSnapshots.length} snapshots of case ${after.caseId}, named by its records`
      : `no snapshot for ${missing.map((v) => v.volumeId).join(', ')}`,
  );
  if (options.lockSnapshotDays) {
    const unlocked = after.caseSnapshots.filter(
      (snapshot) => !after.lockedSnapshotIds.includes(snapshot.snapshotId),
    );
    check(
      'snapshots locked',
      unlocked.length === 0,
      unlocked.length === 0
        ? 'every case snapshot is locked'
        : `not locked: ${unlocked.map((s) => s.snapshotId).join(', ')}`,
    );
  }
  return results;
}

/** A session revocation a run put on a role: its policy must deny sessions issued before `issuedBefore`. */
export interface MadeRevocation {
  readonly roleName: string;
  readonly policyName: string;
  /** The `aws:TokenIssueTime` the step wrote (the profile change's moment), as sent. */
  readonly issuedBefore: string;
}

const DONE = new Set(['done', 'already-done']);

/** The revocations the run's steps put on roles, with the time each wrote (references resolved). */
export function revocationsMade(steps: readonly StepRecord[]): MadeRevocation[] {
  return steps.flatMap((step): MadeRevocation[] => {
    if (step.action !== 'iam:PutRolePolicy' || !DONE.has(step.status)) return [];
    const document = step.input.PolicyDocument as
      { Statement?: { Condition?: { DateLessThan?: Record<string, unknown> } }[] } | undefined;
    const issuedBefore = document?.Statement?.map(
      (statement) => statement.Condition?.DateLessThan?.['aws:TokenIssueTime'],
    ).find((value): value is string => typeof value === 'string');
    if (!issuedBefore) return [];
    return [
      {
        roleName: step.input.RoleName as string,
        policyName: step.input.PolicyName as string,
        issuedBefore,
      },
    ];
  });
}

/** Key of a role's policy in the times read back. */
export function revocationKey(revocation: Pick<MadeRevocation, 'roleName' | 'policyName'>): string {
  return `${revocation.roleName}/${revocation.policyName}`;
}

/**
 * Each revocation the run made is on its role now and denies sessions issued up to the profile
 * change at least: an `AWSRevokeOlderSessions` left at an earlier time (a policy another run or
 * the console wrote before) would leave every credential IMDS handed out since valid.
 *
 * @param found - the `aws:TokenIssueTime` each role's policy names now, by {@link revocationKey};
 *   undefined when the policy is missing
 */
export function checkRevocations(
  made: readonly MadeRevocation[],
  found: Readonly<Record<string, string | undefined>>,
): VerificationResult[] {
  return made.map((revocation) => {
    const now = found[revocationKey(revocation)];
    const where = `${revocation.policyName} on ${revocation.roleName}`;
    const ok = now !== undefined && Date.parse(now) >= Date.parse(revocation.issuedBefore);
    return {
      check: `sessions revoked ${revocation.roleName}`,
      ok,
      detail:
        now === undefined
          ? `${where} is missing: sessions issued before ${revocation.issuedBefore} stay valid`
          : ok
            ? `${where} denies sessions issued before ${now}`
            : `${where} denies only sessions issued before ${now}, earlier than the profile change at ${revocation.issuedBefore}: sessions issued since stay valid`,
    };
  });
}
