import { createHash } from 'node:crypto';
import { UsageError } from '../../lib/errors';
import type { Plan, Step } from '../core/step';
import type { AttachDescription, LaunchDescription, MemoryPathDescription } from './description';
import {
  allowForensicEgress,
  allowPathIngress,
  createPathGroup,
  deletePathGroup,
  setInterfaceGroups,
  type PathGroupRef,
} from './memory-path-steps';
import {
  attachWorkingCopy,
  closePathRule,
  createWorkingCopy,
  launchWorkstation,
  startWorkstation,
} from './steps';

/** Name of the volume-attaching responder in plans and records. */
export const ATTACH_RESPONDER = 'forensic-attach-volumes';
/** Name of the memory-path responder in plans and records. */
export const MEMORY_PATH_RESPONDER = 'forensic-memory-path';
export const LAUNCH_RESPONDER = 'forensic-launch-workstation';

/** Device names offered to working copies, in order (Nitro instances show them as NVMe devices). */
const DEVICES = 'fghijklmnop'.split('').map((letter) => `/dev/sd${letter}`);
/** Minutes a memory path stays open by default, and at most. */
export const MEMORY_PATH_MINUTES = { default: 60, max: 240 } as const;

/**
 * Gives the workstation a working copy of every completed snapshot of the case, in its
 * availability zone. Copies made earlier are reused; attached ones are left alone. Pure.
 *
 * @throws UsageError when the workstation cannot take the volumes
 */
export function planAttach(description: AttachDescription): Plan {
  if (description.workstationState !== 'running' && description.workstationState !== 'stopped') {
    throw new UsageError(
      `workstation ${description.workstationId} is ${description.workstationState}: volumes attach to running or stopped instances only`,
    );
  }
  const notes: string[] = [
    'Mount every copy read-only (ext4: mount -o ro,noload; xfs: mount -o ro,norecovery) and hash the device before analysis.',
  ];
  const context = {
    region: description.region,
    caseId: description.caseId,
    workstationId: description.workstationId,
  };
  const free = DEVICES.filter((device) => !description.usedDevices.includes(device));
  const steps: Step[] = [];
  for (const snapshot of description.snapshots) {
    if (snapshot.state !== 'completed') {
      notes.push(
        `${snapshot.snapshotId} (${snapshot.volumeId}) is ${snapshot.state}: run the command again once it is completed.`,
      );
      continue;
    }
    const copy = description.copies.find(
      (candidate) =>
        candidate.snapshotId === snapshot.snapshotId &&
        candidate.availabilityZone === description.availabilityZone &&
        candidate.state !== 'deleting',
    );
    if (copy?.attachedTo === description.workstationId) continue;
    if (copy?.attachedTo) {
      notes.push(
        `The copy ${copy.volumeId} of ${snapshot.snapshotId} is attached to ${copy.attachedTo}; it is left there.`,
      );
      continue;
    }
    const device = free.shift();
    if (!device)
      throw new UsageError(
        `workstation ${description.workstationId} has no free device name left for ${snapshot.snapshotId}`,
      );
    if (!copy)
      steps.push(createWorkingCopy(context, snapshot.snapshotId, description.availabilityZone));
    steps.push(
      attachWorkingCopy(
        description.region,
        description.workstationId,
        snapshot.snapshotId,
        copy?.volumeId ?? { $fromStep: `create-volume-${snapshot.snapshotId}`, path: 'VolumeId' },
        device,
      ),
    );
  }
  if (description.snapshots.length === 0)
    notes.push(
      `No snapshot is tagged with case ${description.caseId}: run pyjamas isolate-instance first.`,
    );
  return {
    responder: ATTACH_RESPONDER,
    caseId: description.caseId,
    target: {
      type: 'AwsEc2Instance',
      id: description.workstationId,
      arn: `arn:aws:ec2:${description.region}:${description.account}:instance/${description.workstationId}`,
      region: description.region,
      account: description.account,
    },
    steps,
    notes,
  };
}

function pathTarget(description: MemoryPathDescription): Plan['target'] {
  return {
    type: 'AwsEc2Instance',
    id: description.instanceIds.join(',') || 'none',
    arn: '',
    region: description.region,
    account: description.account,
  };
}

/**
 * Opens tcp/`port` from the forensic group to the case's instances only, until `now + minutes`:
 * a group of the case's own in each VPC (allowing the forensic group in), added to each of the
 * case's interfaces beside its isolation group, and an egress rule from the forensic group to
 * it. The per-VPC isolation group, shared by every quarantined instance, never changes. A path
 * already open keeps its expiry. Pure.
 *
 * @throws UsageError when the case has no isolated instance or a VPC has no forensic group
 */
export function planOpenMemoryPath(
  description: MemoryPathDescription,
  request: { readonly minutes: number; readonly port: number; readonly now: Date },
): Plan {
  if (description.instanceIds.length === 0)
    throw new UsageError(
      `no instance is tagged with case ${description.caseId} in ${description.region}: isolate one first`,
    );
  const expiresAt = new Date(request.now.getTime() + request.minutes * 60_000).toISOString();
  const context = { region: description.region, caseId: description.caseId };
  const notes: string[] = [];
  const setup: Step[] = [];
  const attach: Step[] = [];
  for (const vpcId of [...new Set(description.interfaces.map((eni) => eni.vpcId))]) {
    const forensicGroupId = description.forensicGroups[vpcId];
    if (!forensicGroupId)
      throw new UsageError(
        `no security group tagged pyjamas:component=forensic-security-group in ${vpcId}: deploy the module's forensic group there`,
      );
    const existing = description.caseGroups.find((group) => group.vpcId === vpcId);
    let group: PathGroupRef;
    if (existing) {
      group = existing.groupId;
      notes.push(
        `The path of case ${description.caseId} in ${vpcId} is already open (${existing.groupId}, until ${existing.expiresAt ?? 'an unknown time'}); its expiry is kept.`,
      );
      if (!existing.ingressFrom.includes(forensicGroupId))
        setup.push(
          allowPathIngress(context, vpcId, group, forensicGroupId, request.port, expiresAt),
        );
    } else {
      const steps = createPathGroup(context, vpcId, forensicGroupId, request.port, expiresAt);
      setup.push(...steps);
      group = { $fromStep: steps[0]?.id ?? '', path: 'GroupId' };
    }
    if (!description.rules.some((rule) => rule.egress && rule.groupId === forensicGroupId))
      setup.push(
        allowForensicEgress(context, vpcId, forensicGroupId, group, request.port, expiresAt),
      );
    for (const eni of description.interfaces.filter((candidate) => candidate.vpcId === vpcId)) {
      if (existing && eni.groupIds.includes(existing.groupId)) continue;
      attach.push(
        setInterfaceGroups(context, eni.networkInterfaceId, [...eni.groupIds, group], true),
      );
    }
  }
  notes.push(
    `Security groups do not expire: pyjamas forensics open-memory-path closes the path at ${expiresAt} unless run with --detach; then run pyjamas forensics close-memory-path --case ${description.caseId} by then.`,
  );
  return {
    responder: MEMORY_PATH_RESPONDER,
    caseId: description.caseId,
    target: pathTarget(description),
    steps: [...setup, ...attach],
    notes,
  };
}

/**
 * Closes the case's path: its group leaves every interface, the forensic group's rules to it
 * are revoked, and the group is deleted (EC2 refuses while an interface or a rule uses it, hence
 * the order). Pure.
 */
export function planCloseMemoryPath(description: MemoryPathDescription): Plan {
  const context = { region: description.region, caseId: description.caseId };
  const caseGroupIds = new Set(description.caseGroups.map((group) => group.groupId));
  const notes: string[] = [];
  const detach: Step[] = [];
  for (const eni of description.interfaces) {
    if (!eni.groupIds.some((id) => caseGroupIds.has(id))) continue;
    const kept = eni.groupIds.filter((id) => !caseGroupIds.has(id));
    if (kept.length === 0) {
      notes.push(
        `${eni.networkInterfaceId} holds only the path group: isolate ${eni.instanceId} again, then close the path.`,
      );
      continue;
    }
    detach.push(setInterfaceGroups(context, eni.networkInterfaceId, kept, false));
  }
  const steps = [
    ...detach,
    ...description.rules.map((rule) => closePathRule(description.region, rule)),
    ...description.caseGroups.map((group) => deletePathGroup(context, group.groupId)),
  ];
  if (steps.length === 0) notes.push(`No memory path of case ${description.caseId} is open.`);
  return {
    responder: MEMORY_PATH_RESPONDER,
    caseId: description.caseId,
    target: pathTarget(description),
    steps,
    notes,
  };
}

/** Options of a workstation launch. */
export interface LaunchOptions {
  /** Instance type instead of the template's. */
  readonly instanceType?: string;
}

/**
 * The RunInstances client token of a case's launch: the same for every run with the same case,
 * template version, subnet and instance type, so that a retried, repeated or concurrent run gets
 * the first launch back from EC2 instead of a second workstation. Terminated workstations EC2
 * still lists count as a generation, so that a case can get a new one after closing the last.
 */
export function launchClientToken(description: LaunchDescription, options: LaunchOptions): string {
  const generation = description.workstations.filter(
    (workstation) => workstation.state === 'shutting-down' || workstation.state === 'terminated',
  ).length;
  const key = [
    description.account,
    description.region,
    description.caseId,
    description.template.id,
    description.template.version,
    description.subnet.subnetId,
    options.instanceType ?? '',
    generation,
  ];
  return `pyjamas-${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 48)}`;
}

/**
 * One running workstation for the case, launched from the template: nothing when it already
 * runs, a start when it is stopped, a launch otherwise. Pure.
 *
 * @throws UsageError when the template's groups are not in the subnet's VPC, or its AMI has not been built
 */
export function planLaunch(description: LaunchDescription, options: LaunchOptions = {}): Plan {
  const { template, subnet, caseId } = description;
  const plan = (steps: Step[], notes: string[]): Plan => ({
    responder: LAUNCH_RESPONDER,
    caseId,
    target: {
      type: 'AwsEc2LaunchTemplate',
      id: template.id,
      arn: `arn:aws:ec2:${description.region}:${description.account}:launch-template/${template.id}`,
      region: description.region,
      account: description.account,
    },
    steps,
    notes,
  });
  const live = description.workstations.filter(
    (workstation) => workstation.state !== 'shutting-down' && workstation.state !== 'terminated',
  );
  if (live.length > 1)
    return plan(
      [],
      [
        `Case ${caseId} already has ${live.length} workstations (${live.map((workstation) => workstation.instanceId).join(', ')}); nothing is launched.`,
      ],
    );
  const existing = live[0];
  if (existing?.state === 'stopped')
    return plan([startWorkstation(description.region, existing.instanceId)], []);
  if (existing) {
    const next =
      existing.state === 'stopping'
        ? ' It is stopping: run the command again once it has stopped.'
        : '';
    return plan(
      [],
      [
        `Case ${caseId} already has workstation ${existing.instanceId} (${existing.state}); nothing is launched.${next}`,
      ],
    );
  }
  if (template.groupIds.length === 0)
    throw new UsageError(
      `launch template ${template.id} names no security group: it must put the workstation in the forensic security group`,
    );
  if (description.groupsVpcId && description.groupsVpcId !== subnet.vpcId) {
    throw new UsageError(
      `subnet ${subnet.subnetId} is in ${subnet.vpcId}, but the template's groups (${template.groupIds.join(', ')}) are in ${description.groupsVpcId}: choose a subnet of ${description.groupsVpcId}`,
    );
  }
  if (description.amiParameter && !description.amiParameter.found) {
    throw new UsageError(
      `the forensic AMI has not been built yet: SSM parameter ${description.amiParameter.name} does not exist. Start the pipeline with aws imagebuilder start-image-pipeline-execution --image-pipeline-arn <pipeline ARN> and wait for the image`,
    );
  }
  const clientToken = launchClientToken(description, options);
  const instanceType = options.instanceType ?? template.instanceType ?? 'the default instance type';
  const reason =
    `Launch the forensic workstation of case ${caseId} from ${template.name} version ${template.version} (${template.imageId}), ${instanceType}, ` +
    `in ${subnet.subnetId} (${subnet.availabilityZone}) with ${template.groupIds.join(', ')} and no public address; ` +
    `client token ${clientToken} makes a repeated or concurrent run return this launch instead of a second workstation.`;
  return plan(
    [
      launchWorkstation(
        {
          region: description.region,
          caseId,
          templateId: template.id,
          templateVersion: template.version,
          subnetId: subnet.subnetId,
          groupIds: template.groupIds,
          ...(options.instanceType ? { instanceType: options.instanceType } : {}),
          clientToken,
        },
        reason,
      ),
    ],
    [
      'EC2 keeps a client token for at least 24 hours after the instance it launched terminates: a run with the same case, template version, subnet and instance type within that time gets the terminated workstation back once EC2 stops listing it; choose another --instance-type or --subnet to launch anew.',
    ],
  );
}
