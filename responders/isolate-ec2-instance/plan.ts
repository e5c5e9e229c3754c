import { UsageError } from '../../lib/errors';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import { isStepRef, type Plan, type Step, type StepRef } from '../core/step';
import type { InstanceDescription, NetworkInterfaceDescription, SubnetAcl } from './description';
import {
  createVpcGroups,
  createdGroup,
  denyInNetworkAcl,
  disassociateInstanceProfile,
  deregisterFromClassicLoadBalancer,
  deregisterTargets,
  disassociateAddress,
  enableTerminationProtection,
  idFragment,
  isolateInterface,
  keepVolumesOnTermination,
  leaveAutoScalingGroup,
  lockSnapshot,
  quarantineProfile,
  revokeInstanceSessions,
  revokeRoleSessions,
  setShutdownBehaviourStop,
  snapshotInstanceVolumes,
  snapshotVolume,
  stopInstance,
  tagResources,
  untrackInterface,
  type GroupRef,
  type StepContext,
} from './steps';
import { planCaptureParts } from './memory-parts';
import {
  MEMORY_SCRATCH_TAG,
  attachScratchVolume,
  createScratchVolume,
  startMemoryCapture,
} from './memory-steps';

/** Name of this responder in plans and records. */
export const RESPONDER = 'isolate-ec2-instance';

/** What the operator chose, beyond the instance and the case. */
export interface IsolationOptions {
  /**
   * `detach` (the CLI's and the handler's default) leaves the instance in no group; `standby` is
   * reversible but keeps it a member, terminated with the group by a replacing deployment.
   */
  readonly asgAction: 'standby' | 'detach';
  readonly disassociateEips: boolean;
  /**
   * Deny every session of the instance's role issued before the profile swap. Off by default:
   * every other instance and user of the role loses its sessions too. Without it, only the
   * sessions of this instance are denied.
   */
  readonly revokeRoleSessions: boolean;
  /**
   * Leave the instance profile as it is: no swap for the quarantine profile, no disassociation.
   *
   * @default false
   */
  readonly keepInstanceProfile?: boolean;
  /** Lock each snapshot in compliance mode for this many days. @default - no lock */
  readonly lockSnapshotDays?: number;
  /** Start an AVML capture into the evidence bucket. @default - no capture */
  readonly captureMemory?: { readonly bucketRegion: string; readonly timeoutSeconds: number };
  /** Deny the instance's addresses in its subnets' network ACLs (stateless: cuts tracked flows too). */
  readonly naclHardCut: boolean;
  /**
   * Stop the instance as the run's last step, after the snapshots: the real hard cut. Its RAM and
   * instance-store data are lost, so it refuses a memory capture in the same run or one not yet
   * finished (`forensics finish-memory-capture` uploads from the running instance).
   *
   * @default false
   */
  readonly stop?: boolean;
  /** Stamps the plan: the session revocation when no profile swap precedes it, the capture's key. */
  readonly now: Date;
}

/** Instance states in which the instance and its interfaces can still be changed. */
const LIVE_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);
/** Auto Scaling lifecycle states in which the group no longer acts on the instance's health. */
const OUT_OF_SERVICE = new Set(['Standby', 'EnteringStandby', 'Detaching', 'Detached']);
/** First rule number the hard cut may use: below every rule a console user typically writes. */
const FIRST_NACL_RULE = 1;

/**
 * Orders the isolation of one instance so that the evidence is never put at risk:
 * tag → protect from termination → leave Auto Scaling → leave load balancers → two-step group
 * swap on every interface → (NACL cut) → (EIPs) → quarantine profile → (revoke sessions) →
 * snapshots → (locks) → (memory capture onto a scratch volume). Every step is skipped when the description shows it done, so
 * a rerun on a contained instance plans nothing new. Pure: reads nothing, writes nothing.
 *
 * @throws UsageError when an option cannot work for this instance (e.g. memory capture of a stopped instance)
 */
export function planIsolation(description: InstanceDescription, options: IsolationOptions): Plan {
  const context: StepContext = {
    instanceId: description.instanceId,
    region: description.region,
    caseId: description.caseId,
  };
  const notes: string[] = [];
  const live = LIVE_STATES.has(description.state);
  const steps: Step[] = live
    ? planLiveInstance(description, options, context, notes)
    : planGoneInstance(description, options, context, notes);
  notes.push(...unrecordedNotes(description));
  notes.unshift(containmentNote(description, options, live));
  if (live && !options.stop)
    notes.splice(
      1,
      0,
      'Not cut by any isolation: the VPC DNS resolver (VPC+2), instance metadata (169.254.169.254) and Amazon Time Sync stay reachable, since neither security groups nor network ACLs filter them (DNS can carry data out); isolate-instance --stop, after any memory capture, is the real hard cut.',
    );
  return {
    responder: RESPONDER,
    caseId: description.caseId,
    target: {
      type: 'AwsEc2Instance',
      id: description.instanceId,
      arn: description.arn,
      region: description.region,
      account: description.account,
    },
    steps,
    notes,
  };
}

function planLiveInstance(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  checkStop(description, options);
  checkMemoryCapture(description, options);
  const steps: Step[] = [];
  const interfaces = description.networkInterfaces.filter((eni) => !eni.requesterManaged);
  for (const eni of description.networkInterfaces.filter(
    (candidate) => candidate.requesterManaged,
  )) {
    notes.push(
      `${eni.networkInterfaceId} is managed by another service and cannot change groups: it is left as it is.`,
    );
  }

  // Everything that protects the evidence or takes the instance out of service is independent:
  // one wave, one round trip. It must all have answered before an interface is isolated.
  const protect: Step[] = [];
  const caseTags = {
    [RESPONSE_TAGS.caseId]: description.caseId,
    [RESPONSE_TAGS.status]: 'quarantined',
  };
  const previousCase = description.tags[RESPONSE_TAGS.caseId];
  if (previousCase && previousCase !== description.caseId)
    notes.push(
      `The instance was tagged with case ${previousCase}; the tag now names ${description.caseId}.`,
    );
  const untagged = [
    ...(hasTags(description.tags, caseTags) ? [] : [description.instanceId]),
    ...description.volumes
      .filter((volume) => !hasTags(volume.tags, caseTags))
      .map((volume) => volume.volumeId),
    ...interfaces
      .filter((eni) => !hasTags(eni.tags, caseTags))
      .map((eni) => eni.networkInterfaceId),
  ];
  if (untagged.length > 0) protect.push(tagResources(context, untagged, caseTags));

  if (description.spot) {
    notes.push(
      'Spot instance: termination protection cannot be enabled and an interruption can still reclaim it; the snapshots of this run are the disk evidence.',
    );
  } else if (description.disableApiTermination !== true) {
    protect.push(enableTerminationProtection(context));
  }
  if (!description.spot && description.shutdownBehaviour !== 'stop')
    protect.push(setShutdownBehaviourStop(context));
  const deleted = description.volumes.filter(
    (volume) => volume.deleteOnTermination === true && volume.deviceName,
  );
  if (deleted.length > 0)
    protect.push(
      keepVolumesOnTermination(
        context,
        deleted.map((volume) => volume.deviceName as string),
      ),
    );

  protect.push(...planAutoScaling(description, options, context, notes));
  for (const group of description.targetGroups)
    protect.push(deregisterTargets(context, group.targetGroupArn, group.targets));
  for (const name of description.classicLoadBalancers)
    protect.push(deregisterFromClassicLoadBalancer(context, name));

  // The move to the untrack group goes out with protection and leaving service: the untrack
  // group allows everything, so health checks keep passing until an interface is isolated, which
  // waits for every protection step (and a failed exit from Auto Scaling to have fallen back to
  // suspending the group's replacement) besides its own untrack move.
  const swap = planGroupSwap(description, options, context, interfaces, notes);
  const protectIds = protect.map((step) => step.id);
  steps.push(...swap.setup, ...after([], protect), ...swap.untrack);
  steps.push(
    ...swap.isolate.map((step) => ({ ...step, after: [...protectIds, ...(step.after ?? [])] })),
  );
  // What follows waits for containment: every interface in its final groups.
  const contained = swap.isolate.map((step) => step.id);
  if (options.naclHardCut)
    steps.push(...after(contained, planNaclCut(description, context, interfaces)));

  if (options.disassociateEips) {
    const addresses = description.addresses.filter((candidate) => candidate.associationId);
    steps.push(
      ...after(
        contained,
        addresses.map((address) =>
          disassociateAddress(context, address.publicIp, address.associationId as string),
        ),
      ),
    );
  } else if (description.addresses.length > 0) {
    notes.push(
      `Elastic IPs stay associated (${description.addresses.map((a) => a.publicIp).join(', ')}): the isolation group blocks them; --disassociate-eips removes them.`,
    );
  }

  // The identity waits for containment (a revocation for the profile change it refers to); the
  // snapshots wait for the identity too, as the last containment steps: a run killed while they
  // are in flight would leave snapshots no record names, and the rerun would take them again.
  const identity = after(contained, planIdentity(description, options, context, notes));
  steps.push(...identity);
  steps.push(
    ...after(
      identity.length > 0 ? identity.map((step) => step.id) : contained,
      planSnapshots(description, options, context, notes),
    ),
  );
  // The capture comes last: the snapshots' point in time is set before the capture touches the host.
  if (options.captureMemory) steps.push(...planMemoryCapture(description, options, context, notes));
  // The stop comes last: every snapshot's point in time is set while the guest still runs, before
  // its shutdown scripts can touch the disks.
  if (options.stop) steps.push(...planStop(description, context, notes));
  return steps;
}

/** Why `--stop` and `--capture-memory` cannot share a run, and the order that works. */
export function stopWithCapture(instanceId: string, caseId: string): UsageError {
  return new UsageError(
    `--stop and --capture-memory exclude each other: stopping loses the RAM the capture reads, and the image is uploaded from the running instance; run isolate-instance ${instanceId} --case ${caseId} --capture-memory, then pyjamas forensics finish-memory-capture --case ${caseId} --instance ${instanceId}, then isolate-instance --stop`,
  );
}

/** States in which StopInstances still has something to do. */
const STOPPABLE = new Set(['pending', 'running']);

function checkStop(description: InstanceDescription, options: IsolationOptions): void {
  if (!options.stop || !STOPPABLE.has(description.state)) return;
  // Refused rather than waited for: the capture runs for up to hours on the host, and its image
  // reaches the bucket only through finish-memory-capture, which needs the instance running.
  if (options.captureMemory) throw stopWithCapture(description.instanceId, description.caseId);
  if (description.memoryScratch?.attachedTo === description.instanceId)
    throw new UsageError(
      `the memory capture of case ${description.caseId} on ${description.instanceId} is not finished: its image is on scratch volume ${description.memoryScratch.volumeId}, uploaded from the running instance; run pyjamas forensics finish-memory-capture --case ${description.caseId} --instance ${description.instanceId} first, then isolate-instance --stop`,
    );
  if (description.rootDeviceType === 'instance-store')
    throw new UsageError(
      `${description.instanceId} has an instance-store root device, which EC2 cannot stop (only terminate, destroying it): leave out --stop and use --nacl-hard-cut`,
    );
}

function planStop(description: InstanceDescription, context: StepContext, notes: string[]): Step[] {
  if (!STOPPABLE.has(description.state)) {
    notes.push(`The instance is ${description.state} already: it is not stopped again.`);
    return [];
  }
  notes.push(
    `The instance is stopped last, after the snapshots: its RAM and any instance-store volume are lost (the EBS volumes stay)${description.spot ? '; EC2 stops a Spot Instance only when its request is persistent' : ''}. It stays isolated if started again.`,
  );
  return [stopInstance(context)];
}

/** Shutting-down and terminated instances: nothing to contain; keep what survived and, if asked, revoke the last role's sessions. */
function planGoneInstance(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  notes.push(
    `The instance is ${description.state}: there is nothing left to isolate, and its memory is gone. Volumes that survived it are snapshotted; gather CloudTrail, VPC flow logs and GuardDuty findings into the case.`,
  );
  if (options.captureMemory) notes.push('Memory capture skipped: the instance is not running.');
  const steps: Step[] = [];
  const caseTags = {
    [RESPONSE_TAGS.caseId]: description.caseId,
    [RESPONSE_TAGS.status]: 'quarantined',
  };
  const untagged = description.volumes
    .filter((volume) => !hasTags(volume.tags, caseTags))
    .map((volume) => volume.volumeId);
  if (untagged.length > 0) steps.push(tagResources(context, untagged, caseTags));
  steps.push(...planRevocation(description, options, context, notes, options.now.toISOString()));
  steps.push(...planSnapshots(description, options, context, notes));
  return steps;
}

/** The step that takes the instance out of its Auto Scaling group, if it is in service there. */
function planAutoScaling(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  const membership = description.autoScaling;
  if (!membership) return [];
  if (OUT_OF_SERVICE.has(membership.lifecycleState)) {
    if (membership.lifecycleState.includes('Standby')) {
      notes.push(
        `The instance is already in standby in ${membership.groupName}; it stays there (detaching a standby instance can make the group terminate others), but a Standby instance is still a member: a deployment that replaces or force-deletes the group terminates it.`,
      );
    }
    return [];
  }
  if (membership.lifecycleState !== 'InService') {
    notes.push(
      `The instance is ${membership.lifecycleState} in ${membership.groupName}; the plan tries to take it out of the group anyway (should that fail, the group's replacement processes are suspended).`,
    );
  }
  if (membership.desiredCapacity - 1 < membership.minSize) {
    notes.push(
      `${membership.groupName}: its minimum (${membership.minSize} at the read) is lowered to the desired capacity less one as the instance leaves (restore it when the case is closed).`,
    );
  }
  if (options.asgAction === 'standby')
    notes.push(
      `Standby keeps the instance a member of ${membership.groupName}: a deployment that replaces or force-deletes the group terminates it with the evidence, and termination protection does not stop Auto Scaling.`,
    );
  return [leaveAutoScalingGroup(context, membership.groupName, options.asgAction)];
}

/**
 * The steps, each waiting for `ids` only (and for the steps its input refers to): those sent
 * together go out in one round trip.
 */
function after(ids: readonly string[], steps: readonly Step[]): Step[] {
  return steps.map((step) => ({ ...step, after: [...ids] }));
}

/** Per VPC: the groups to use, created when the VPC has none. */
function vpcGroupRefs(
  description: InstanceDescription,
  vpcId: string,
  context: StepContext,
  steps: Step[],
): { isolation: GroupRef; untrack: GroupRef } {
  const groups = description.groups[vpcId] ?? {};
  const vpc = idFragment(vpcId);
  steps.push(
    ...createVpcGroups(context, vpcId, { isolation: !groups.isolation, untrack: !groups.untrack }),
  );
  return {
    isolation: groups.isolation?.groupId ?? createdGroup(`create-isolation-group-${vpc}`),
    untrack: groups.untrack?.groupId ?? createdGroup(`create-untrack-group-${vpc}`),
  };
}

function planGroupSwap(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  interfaces: readonly NetworkInterfaceDescription[],
  notes: string[],
): { readonly setup: Step[]; readonly untrack: Step[]; readonly isolate: Step[] } {
  const untrack: Step[] = [];
  const isolate: Step[] = [];
  const setup: Step[] = [];
  const refs = new Map<string, { isolation: GroupRef; untrack: GroupRef }>();
  // A stopped instance has no flows to untrack: one call per interface is enough.
  const untrackFirst = description.state !== 'stopped';
  for (const eni of interfaces) {
    const groups = description.groups[eni.vpcId] ?? {};
    // With memory capture, the capture group keeps a path to the SSM and S3 endpoints open.
    const capturePath =
      options.captureMemory && description.state === 'running'
        ? groups.memoryCapture?.groupId
        : undefined;
    const wanted = [groups.isolation?.groupId, ...(capturePath ? [capturePath] : [])];
    if (wanted.every(Boolean) && sameSet(eni.groupIds, wanted as string[])) continue;
    if (!refs.has(eni.vpcId))
      refs.set(eni.vpcId, vpcGroupRefs(description, eni.vpcId, context, setup));
    const ref = refs.get(eni.vpcId) as { isolation: GroupRef; untrack: GroupRef };
    const final: GroupRef[] = [ref.isolation, ...(capturePath ? [capturePath] : [])];
    // A group the plan creates is used only once its rules are set: the untrack group allows
    // everything (else flows stay tracked), the isolation group has lost its default egress rule.
    if (untrackFirst)
      untrack.push({
        ...untrackInterface(context, eni.networkInterfaceId, ref.untrack, eni.groupIds),
        after: settingUp(setup, ref.untrack),
      });
    isolate.push({
      ...isolateInterface(context, eni.networkInterfaceId, final),
      after: settingUp(setup, ref.isolation),
    });
  }
  for (const [vpcId, groups] of Object.entries(description.groups)) {
    if (groups.isolation && groups.isolation.ingressRules + groups.isolation.egressRules > 0) {
      notes.push(
        `The isolation group ${groups.isolation.groupId} in ${vpcId} has rules (${groups.isolation.ingressRules} in, ${groups.isolation.egressRules} out): the instance can still talk through them.`,
      );
    }
    if (groups.untrack && !groups.untrack.allowsAllTraffic) {
      notes.push(
        `The untrack group ${groups.untrack.groupId} in ${vpcId} does not allow all traffic for IPv4 and IPv6 in both directions: existing flows may stay tracked.`,
      );
    }
  }
  // Every interface moves to the untrack group at once, then every one to the isolation group:
  // two round trips whatever the number of interfaces, and the allow-all window lasts one.
  return { setup: after([], setup), untrack, isolate };
}

/** The ids of the set-up steps that configure `group`, a group the plan creates (none for an existing one). */
function settingUp(setup: readonly Step[], group: GroupRef): string[] {
  if (typeof group === 'string') return [];
  return setup
    .filter((step) => {
      const target = step.input.GroupId;
      return isStepRef(target) && target.$fromStep === group.$fromStep;
    })
    .map((step) => step.id);
}

function planNaclCut(
  description: InstanceDescription,
  context: StepContext,
  interfaces: readonly NetworkInterfaceDescription[],
): Step[] {
  const steps: Step[] = [];
  const used = new Map<string, Set<number>>();
  const aclOf = (subnetId: string): SubnetAcl | undefined =>
    description.subnetAcls.find((acl) => acl.subnetId === subnetId);
  for (const eni of interfaces) {
    const acl = aclOf(eni.subnetId);
    if (!acl)
      throw new UsageError(
        `no network ACL found for subnet ${eni.subnetId} of ${eni.networkInterfaceId}: the hard cut cannot be planned`,
      );
    const cidrs = [
      ...eni.privateIpAddresses.map((ip) => `${ip}/32`),
      ...eni.ipv6Addresses.map((ip) => `${ip}/128`),
    ];
    for (const egress of [false, true]) {
      const key = `${acl.networkAclId}:${egress}`;
      if (!used.has(key))
        used.set(
          key,
          new Set(
            acl.entries.filter((entry) => entry.egress === egress).map((entry) => entry.ruleNumber),
          ),
        );
      const taken = used.get(key) as Set<number>;
      for (const cidr of cidrs) {
        const denied = acl.entries.some(
          (entry) =>
            entry.egress === egress &&
            entry.ruleAction === 'deny' &&
            (entry.cidrBlock === cidr || entry.ipv6CidrBlock === cidr),
        );
        if (denied) continue;
        let ruleNumber = FIRST_NACL_RULE;
        while (taken.has(ruleNumber)) ruleNumber += 1;
        taken.add(ruleNumber);
        steps.push(
          denyInNetworkAcl(context, { networkAclId: acl.networkAclId, ruleNumber, egress, cidr }),
        );
      }
    }
  }
  return steps;
}

function checkMemoryCapture(description: InstanceDescription, options: IsolationOptions): void {
  if (!options.captureMemory) return;
  if (options.naclHardCut) {
    throw new UsageError(
      '--capture-memory and --nacl-hard-cut exclude each other: the ACL deny also cuts the path to the SSM and S3 endpoints the capture needs',
    );
  }
  if (options.captureMemory.bucketRegion !== description.region) {
    throw new UsageError(
      `memory capture needs the evidence bucket in the instance's region: the bucket is in ${options.captureMemory.bucketRegion}, the instance in ${description.region}, and the capture group only reaches the S3 endpoints of ${description.region}; name an evidence bucket of ${description.region} with --evidence-bucket`,
    );
  }
  if (description.state !== 'running') return;
  planCaptureParts(description.memorySizeMiB, description.instanceType ?? 'unknown');
  if (!description.availabilityZone)
    throw new UsageError(
      `the availability zone of ${description.instanceId} is unknown: the capture's scratch volume cannot be created`,
    );
  const problems: string[] = [];
  if (!description.captureTool)
    problems.push(
      'no AVML binary with a SHA-256 checksum in the evidence bucket (upload it as tools/avml with --checksum-algorithm SHA256)',
    );
  for (const vpcId of new Set(description.networkInterfaces.map((eni) => eni.vpcId))) {
    if (!description.groups[vpcId]?.memoryCapture) {
      problems.push(
        `no memory capture group in ${vpcId} (a group tagged pyjamas:component=memory-capture-security-group that allows HTTPS to the SSM and S3 endpoints, or --memory-capture-group)`,
      );
    }
  }
  if (problems.length > 0)
    throw new UsageError(
      `memory capture cannot work for ${description.instanceId}: ${problems.join('; ')}`,
    );
}

function planMemoryCapture(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  const capture = options.captureMemory;
  const tool = description.captureTool;
  if (!capture || !tool) return [];
  if (description.state !== 'running') {
    notes.push(
      `Memory capture skipped: the instance is ${description.state}, so its memory is gone or not readable.`,
    );
    return [];
  }
  const ssm = description.ssm;
  if (!ssm || ssm.pingStatus !== 'Online' || ssm.platformType !== 'Linux') {
    notes.push(
      `Memory capture skipped: Run Command needs an online Linux SSM agent (ping status ${ssm?.pingStatus ?? 'unknown'}, platform ${ssm?.platformType ?? 'unknown'}).`,
    );
    return [];
  }
  if (ssm.captureCommandIds.length > 0) {
    notes.push(
      `Memory capture for this case was already started (${ssm.captureCommandIds.join(', ')}); not started again.`,
    );
    return [];
  }
  const stamp = options.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const parts = planCaptureParts(description.memorySizeMiB, description.instanceType ?? 'unknown');
  const steps: Step[] = [];
  const scratch = description.memoryScratch;
  let volumeId: string | StepRef;
  let device: string;
  if (scratch?.attachedTo === description.instanceId && scratch.device) {
    volumeId = scratch.volumeId;
    device = scratch.device;
  } else {
    device = freeDevice(description);
    if (scratch && scratch.state === 'available') {
      volumeId = scratch.volumeId;
    } else {
      const create = createScratchVolume(context, {
        availabilityZone: description.availabilityZone as string,
        sizeGiB: parts.scratchGiB,
      });
      steps.push(create);
      volumeId = { $fromStep: create.id, path: 'VolumeId' };
    }
    steps.push(attachScratchVolume(context, volumeId, device));
  }
  notes.push(
    `Memory capture started: AVML writes the image to a ${parts.scratchGiB} GiB scratch volume (never the instance's own disks) and reports the SHA-256 of each part of ${parts.partMiB} MiB (at most ${parts.maxParts}); run pyjamas forensics finish-memory-capture --case ${description.caseId} --instance ${description.instanceId} to upload it in parts S3 verifies, seal it and remove the scratch volume and the capture group.`,
  );
  steps.push(
    startMemoryCapture(context, {
      bucket: tool.bucket,
      bucketRegion: capture.bucketRegion,
      expectedOwner: tool.expectedOwner,
      toolKey: tool.key,
      toolSha256: tool.sha256,
      imageKey: `${tool.imagePrefix}${stamp}.lime`,
      partMiB: parts.partMiB,
      maxParts: parts.maxParts,
      scratchVolumeId: volumeId,
      scratchDevice: device,
      urlExpirySeconds: capture.timeoutSeconds + CAPTURE_DELIVERY_SECONDS,
      executionTimeoutSeconds: capture.timeoutSeconds,
    }),
  );
  return steps;
}

/** Seconds Run Command may take to deliver the script; the URLs outlive the capture by no more. */
const CAPTURE_DELIVERY_SECONDS = 600;

/** A device name for the scratch volume that none of the instance's volumes uses. */
function freeDevice(description: InstanceDescription): string {
  const used = new Set(
    description.volumes
      .map((volume) => volume.deviceName?.replace(/^\/dev\/(sd|xvd)/, '') ?? '')
      .filter(Boolean),
  );
  const letter = [...'ponmlkjihgf'].find((candidate) => !used.has(candidate));
  if (!letter)
    throw new UsageError(
      `${description.instanceId} has no free device name for the capture's scratch volume (/dev/sdf to /dev/sdp are all taken)`,
    );
  return `/dev/sd${letter}`;
}

function planIdentity(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  const quarantine = description.quarantineProfile;
  const current = description.profile;
  if (current && current.arn === quarantine?.arn) {
    if (options.revokeRoleSessions)
      notes.push(
        "The instance already has the quarantine profile: the former role is named in the earlier run's pre-state; its sessions are not revoked by this run.",
      );
    return [];
  }
  if (options.keepInstanceProfile) {
    notes.push(
      current
        ? `--keep-instance-profile: ${current.name} stays on the instance, and IMDS keeps handing out its credentials; sessions issued until now are denied.`
        : '--keep-instance-profile: the instance has no instance profile.',
    );
    return planRevocation(description, options, context, notes, options.now.toISOString());
  }
  let change: Step | undefined;
  if (quarantine) {
    change = quarantineProfile(context, quarantine, current?.associationId);
  } else if (current?.associationId) {
    notes.push(
      `No quarantine instance profile in the account (the module is not deployed): ${current.name} is disassociated instead (the pre-state keeps it), so IMDS hands out no more credentials; --keep-instance-profile keeps it.`,
    );
    change = disassociateInstanceProfile(context, current.associationId);
  } else {
    notes.push(
      'No quarantine instance profile in the account, and the instance has no instance profile: its identity is left as it is.',
    );
  }
  if (!change) return [];
  return [
    change,
    ...planRevocation(description, options, context, notes, {
      $fromStep: change.id,
      path: 'completedAt',
    }),
  ];
}

/**
 * By default only this instance's sessions of its roles are denied; with `revokeRoleSessions`
 * every session of the roles is, and an earlier `AWSRevokeOlderSessions` moves forward to the
 * profile change (a rerun after success plans nothing: the profile is the quarantine one by then).
 */
function planRevocation(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
  issuedBefore: Parameters<typeof revokeRoleSessions>[2],
): Step[] {
  const profile = description.profile;
  if (!profile || profile.arn === description.quarantineProfile?.arn) return [];
  const steps: Step[] = [];
  for (const roleName of profile.roleNames) {
    if (!options.revokeRoleSessions) {
      const id = profile.roleIds?.[roleName];
      steps.push(
        revokeInstanceSessions(
          context,
          { name: roleName, ...(id ? { id } : {}) },
          description.arn,
          issuedBefore,
        ),
      );
      continue;
    }
    const existing = description.revokedRoles[roleName];
    notes.push(
      existing
        ? `Sessions of ${roleName} were revoked before (issued before ${existing}); that time moves forward to this run's profile change.`
        : `Revoking the sessions of ${roleName} denies every instance and user of that role until they get new credentials.`,
    );
    steps.push(revokeRoleSessions(context, roleName, issuedBefore));
  }
  if (steps.length > 0 && !options.revokeRoleSessions)
    notes.push(
      `The sessions ${description.instanceId} got of ${profile.roleNames.join(', ')} before the profile change are denied (aws:userid and ec2:SourceInstanceARN); other users of the role keep theirs. --revoke-role-sessions denies every session of the role.`,
    );
  return steps;
}

function planSnapshots(
  description: InstanceDescription,
  options: IsolationOptions,
  context: StepContext,
  notes: string[],
): Step[] {
  const steps: Step[] = [];
  const snapshotted = new Map(
    description.caseSnapshots.map((snapshot) => [snapshot.volumeId, snapshot]),
  );
  const attached = description.volumes.filter(
    (volume) => volume.deviceName && LIVE_STATES.has(description.state),
  );
  const detached = description.volumes.filter((volume) => !attached.includes(volume));
  const toSnapshot = attached.filter((volume) => !snapshotted.has(volume.volumeId));
  if (toSnapshot.length > 0) {
    steps.push(
      snapshotInstanceVolumes(context, {
        bootVolume: attached.some((volume) => volume.boot && snapshotted.has(volume.volumeId)),
        dataVolumeIds: [
          ...attached
            .filter((volume) => !volume.boot && snapshotted.has(volume.volumeId))
            .map((volume) => volume.volumeId),
          // The capture's scratch volume holds no evidence of the suspect's disks.
          ...(description.memoryScratch?.attachedTo === description.instanceId
            ? [description.memoryScratch.volumeId]
            : []),
        ],
      }),
    );
  }
  for (const volume of detached.filter((candidate) => !snapshotted.has(candidate.volumeId)))
    steps.push(snapshotVolume(context, volume.volumeId));
  if (snapshotted.size > 0)
    notes.push(
      `Snapshots the case's records name are reused: ${[...snapshotted.values()].map((s) => `${s.snapshotId} (${s.volumeId})`).join(', ')}.`,
    );
  if (description.volumes.length === 0) notes.push('No EBS volume found to snapshot.');

  if (options.lockSnapshotDays) {
    for (const volume of description.volumes) {
      const existing = snapshotted.get(volume.volumeId);
      if (existing && description.lockedSnapshotIds.includes(existing.snapshotId)) continue;
      const snapshotId =
        existing?.snapshotId ??
        (attached.includes(volume)
          ? { $fromStep: 'snapshot-volumes', path: `snapshotsByVolume.${volume.volumeId}` }
          : { $fromStep: `snapshot-volume-${idFragment(volume.volumeId)}`, path: 'SnapshotId' });
      steps.push(lockSnapshot(context, volume.volumeId, snapshotId, options.lockSnapshotDays));
    }
  }
  return steps;
}

/**
 * What claims to be the case's but is named by no record of it, and why records were not read:
 * an attacker with EC2 or SSM write access can tag a snapshot or send a command with the
 * capture's comment, so such objects are named here and not reused.
 */
function unrecordedNotes(description: InstanceDescription): string[] {
  const notes = (description.recordProblems ?? []).map(
    (problem) => `The case's records: ${problem}.`,
  );
  const adopted = description.adoptedSnapshots ?? [];
  if (adopted.length > 0)
    notes.push(
      `Reused from runs of the case that started and left no record (killed or timed out): snapshots ${adopted.map((s) => `${s.snapshotId} (${s.volumeId}, run ${s.runId})`).join(', ')}, each of a volume that run was to snapshot and taken after it began.`,
    );
  const unrecorded = description.unrecorded;
  if (!unrecorded) return notes;
  if (unrecorded.snapshots.length > 0)
    notes.push(
      `Not reused, since no record of the case names them (a tag is no proof): snapshots tagged with the case ${unrecorded.snapshots.map((s) => `${s.snapshotId} (${s.volumeId})`).join(', ')}; the volumes are snapshotted again.`,
    );
  if (unrecorded.scratchVolumeIds.length > 0)
    notes.push(
      `Not used as the capture's scratch volume, since no record of the case names them: ${unrecorded.scratchVolumeIds.join(', ')} (tagged ${MEMORY_SCRATCH_TAG}); an attached one is snapshotted like the instance's disks.`,
    );
  if (unrecorded.captureCommandIds.length > 0)
    notes.push(
      `Run Commands with the capture's comment that no record of the case names are not taken for its memory capture: ${unrecorded.captureCommandIds.join(', ')}.`,
    );
  return notes;
}

function containmentNote(
  description: InstanceDescription,
  options: IsolationOptions,
  live: boolean,
): string {
  if (!live) return `containment: none needed — the instance is ${description.state}.`;
  if (options.stop && STOPPABLE.has(description.state))
    return 'containment: hard — the last step stops the instance, which ends every flow and its reach to the VPC DNS resolver, instance metadata and time sync; until then the security groups drop untracked flows only.';
  if (options.naclHardCut)
    return "containment: hard — network ACL denies cut every flow of the instance's addresses across its subnets' boundaries (not traffic inside the same subnet).";
  if (description.state === 'stopped')
    return 'containment: hard — the instance is stopped; if it is started, it comes up isolated.';
  return 'containment: soft — security groups drop untracked flows, but ICMP and flows through NAT gateways, load balancers, PrivateLink and transit gateways stay tracked until they end; use --nacl-hard-cut or stop the instance for a hard cut.';
}

function hasTags(
  actual: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(wanted).every(([key, value]) => actual[key] === value);
}

function sameSet(actual: readonly string[], wanted: readonly string[]): boolean {
  return actual.length === wanted.length && wanted.every((id) => actual.includes(id));
}
