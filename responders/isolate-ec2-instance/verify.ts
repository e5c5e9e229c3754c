import type { VerificationResult } from '../core/record';
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
      ? `${after.caseSnapshots.length} snapshots tagged with case ${after.caseId}`
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
