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

/**
 * After opening: each interface of the case holds its VPC's case group, which lets the forensic
 * group in, and the forensic group may connect out to it. After closing: no case group, no
 * rule, no interface holding one.
 */
export function checkMemoryPath(
  after: MemoryPathDescription,
  expectOpen: boolean,
): VerificationResult[] {
  if (!expectOpen) {
    const left = [
      ...after.caseGroups.map((group) => group.groupId),
      ...after.rules.map((rule) => rule.ruleId),
    ];
    return [
      {
        check: 'memory path closed',
        ok: left.length === 0,
        detail:
          left.length === 0
            ? 'no group or rule of the case remains'
            : `still there: ${left.join(', ')}`,
      },
    ];
  }
  return after.interfaces.map((eni) => {
    const group = after.caseGroups.find((candidate) => candidate.vpcId === eni.vpcId);
    const forensic = after.forensicGroups[eni.vpcId];
    const ok =
      !!group &&
      !!forensic &&
      eni.groupIds.includes(group.groupId) &&
      group.ingressFrom.includes(forensic) &&
      after.rules.some((rule) => rule.egress && rule.groupId === forensic);
    return {
      check: `memory path to ${eni.networkInterfaceId}`,
      ok,
      detail: group
        ? `${eni.networkInterfaceId} holds ${eni.groupIds.join(', ')}; the case group ${group.groupId} lets in ${group.ingressFrom.join(', ') || 'nothing'}`
        : `no path group of case ${after.caseId} in ${eni.vpcId}`,
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
