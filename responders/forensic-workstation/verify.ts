import type { VerificationResult } from '../core/record';
import type { AttachDescription, LaunchDescription, MemoryPathDescription } from './description';

/** Every completed case snapshot has a copy attached to the workstation (on a fresh read). */
export function checkAttached(after: AttachDescription): VerificationResult[] {
  return after.snapshots
    .filter((snapshot) => snapshot.state === 'completed')
    .map((snapshot) => {
      const copy = after.copies.find(
        (candidate) =>
          candidate.snapshotId === snapshot.snapshotId &&
          candidate.attachedTo === after.workstationId,
      );
      return {
        check: `copy of ${snapshot.snapshotId} attached`,
        ok: !!copy,
        detail: copy
          ? `${copy.volumeId} on ${after.workstationId}`
          : `no copy attached to ${after.workstationId}`,
      };
    });
}

/** After opening: each isolation group has the case's rule; after closing: none is left. */
export function checkMemoryPath(
  after: MemoryPathDescription,
  expectOpen: boolean,
): VerificationResult[] {
  if (!expectOpen)
    return [
      {
        check: 'memory path closed',
        ok: after.rules.length === 0,
        detail:
          after.rules.length === 0
            ? 'no rule of the case remains'
            : `still open: ${after.rules.map((r) => r.ruleId).join(', ')}`,
      },
    ];
  return after.ends.map((end) => {
    const open = after.rules.some((rule) => rule.groupId === end.isolationGroupId && !rule.egress);
    return {
      check: `memory path into ${end.isolationGroupId}`,
      ok: open,
      detail: open ? `open from ${end.forensicGroupId ?? 'the forensic group'}` : 'not open',
    };
  });
}

/** After a launch or start: the case has one workstation, running, as the template made it (on a fresh read). */
export function checkLaunched(after: LaunchDescription): VerificationResult[] {
  const live = after.workstations.filter(
    (workstation) => workstation.state !== 'shutting-down' && workstation.state !== 'terminated',
  );
  const workstation = live[0];
  if (live.length !== 1 || !workstation) {
    return [
      {
        check: 'one workstation for the case',
        ok: false,
        detail:
          live.length === 0
            ? 'none is pending, running or stopped'
            : live.map((candidate) => candidate.instanceId).join(', '),
      },
    ];
  }
  const groups = [...workstation.groupIds].sort().join(', ');
  const expectedGroups = [...after.template.groupIds].sort().join(', ');
  return [
    {
      check: 'workstation running',
      ok: workstation.state === 'running',
      detail: `${workstation.instanceId} is ${workstation.state}`,
    },
    {
      check: 'launched from the workstation template',
      ok: workstation.launchTemplateId === after.template.id,
      detail: workstation.launchTemplateId ?? 'no launch template recorded',
    },
    {
      check: 'no public IP address',
      ok: !workstation.publicIpAddress,
      detail: workstation.publicIpAddress ?? 'none',
    },
    {
      check: "in the template's security groups",
      ok: groups === expectedGroups,
      detail: groups || 'none',
    },
  ];
}
