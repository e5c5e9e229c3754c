/*
 * The isolation's step factories: pure functions from what the read found to steps as data.
 * They build no client and send nothing; the runners that send the steps are in runners.ts.
 */
import {
  MANAGED_BY_TAG,
  PLUMBING_COMPONENTS,
  PLUMBING_TAG_KEY,
  RESPONSE_TAGS,
} from '../../lib/plumbing-tags';
import type { Step, StepRef } from '../core/step';

/** Name of the inline role policy that revokes older sessions, as the IAM console names it. */
export const REVOKE_SESSIONS_POLICY = 'AWSRevokeOlderSessions';

/** Name of the inline role policy that denies one instance's sessions of the role. */
export function instanceRevocationPolicy(instanceId: string): string {
  return `pyjamas-revoke-${instanceId}`;
}

/** EC2 tags as the API takes them. */
export function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** All protocols from and to everywhere, IPv4 and IPv6: what makes flows untracked. */
export const ALL_TRAFFIC_IPV4 = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] } as const;
/** All protocols and ports from or to any IPv6 address. */
export const ALL_TRAFFIC_IPV6 = { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] } as const;
/** All protocols and ports from or to any IPv4 or IPv6 address: the untrack group's rules. */
export const ALL_TRAFFIC = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [{ CidrIpv6: '::/0' }],
} as const;

/** A security group id, known at plan time or created by an earlier step. */
export type GroupRef = string | StepRef;

/** The reference to the id of the group that step `stepId` creates. */
export function createdGroup(stepId: string): StepRef {
  return { $fromStep: stepId, path: 'GroupId' };
}

/** What every step factory needs to know about the target. */
export interface StepContext {
  readonly instanceId: string;
  readonly region: string;
  readonly caseId: string;
}

/** A kebab-case fragment of an AWS id or address for step ids, e.g. `10-0-1-5`. */
export function idFragment(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Tags the instance and the resources that belong to it with the case, before anything else changes. */
export function tagResources(
  context: StepContext,
  resourceIds: readonly string[],
  tags: Readonly<Record<string, string>>,
): Step {
  return {
    id: 'tag-resources',
    reason:
      'Mark the instance, its volumes and interfaces with the case so that nobody mistakes them for ordinary capacity.',
    action: 'ec2:CreateTags',
    region: context.region,
    input: { Resources: [...resourceIds], Tags: tagList(tags) },
    onFailure: 'continue',
  };
}

/** Turns on termination protection. */
export function enableTerminationProtection(context: StepContext): Step {
  return {
    id: 'enable-termination-protection',
    reason: 'Keep the instance from being terminated through the API while it is evidence.',
    action: 'ec2:ModifyInstanceAttribute',
    region: context.region,
    input: { InstanceId: context.instanceId, DisableApiTermination: { Value: true } },
    onFailure: 'continue',
  };
}

/** Makes a shutdown from inside the guest stop the instance instead of terminating it. */
export function setShutdownBehaviourStop(context: StepContext): Step {
  return {
    id: 'set-shutdown-behaviour-stop',
    reason:
      'A shutdown from inside the guest (by the intruder or anyone else) must stop the instance, not terminate it.',
    action: 'ec2:ModifyInstanceAttribute',
    region: context.region,
    input: { InstanceId: context.instanceId, InstanceInitiatedShutdownBehavior: { Value: 'stop' } },
    onFailure: 'continue',
  };
}

/** Keeps every EBS volume when the instance is terminated anyway. */
export function keepVolumesOnTermination(
  context: StepContext,
  deviceNames: readonly string[],
): Step {
  return {
    id: 'keep-volumes-on-termination',
    reason: 'Keep the volumes (the disk evidence) even if the instance is terminated after all.',
    action: 'ec2:ModifyInstanceAttribute',
    region: context.region,
    input: {
      InstanceId: context.instanceId,
      BlockDeviceMappings: deviceNames.map((DeviceName) => ({
        DeviceName,
        Ebs: { DeleteOnTermination: false },
      })),
    },
    onFailure: 'continue',
  };
}

/** The Auto Scaling processes whose suspension keeps a group from replacing an isolated instance. */
export const REPLACEMENT_PROCESSES = ['ReplaceUnhealthy', 'AZRebalance', 'HealthCheck'] as const;

/**
 * Puts the instance in standby, or detaches it, with the desired capacity decremented. Auto Scaling
 * refuses to decrement below the group's minimum, so the runner reads the group when the step runs
 * and first lowers the minimum to the desired capacity less one when it must (another run may
 * have changed both since the read). Should leaving fail (a lifecycle hook in Pending:Wait, a
 * concurrent isolation of the same group), the fallback suspends the group's replacement processes.
 */
export function leaveAutoScalingGroup(
  context: StepContext,
  groupName: string,
  action: 'standby' | 'detach',
): Step {
  const reason =
    'Termination protection does not stop Auto Scaling: once isolation fails its health checks the group would terminate the evidence, so the instance leaves the group first (lowering the minimum when the group is at it).';
  const input = {
    AutoScalingGroupName: groupName,
    InstanceIds: [context.instanceId],
    ShouldDecrementDesiredCapacity: true,
  };
  const fallback = suspendReplacement(context, groupName);
  return action === 'standby'
    ? {
        id: 'enter-asg-standby',
        reason,
        action: 'autoscaling:EnterStandby',
        mayAlsoCall: ['autoscaling:UpdateAutoScalingGroup'],
        region: context.region,
        input,
        fallback,
      }
    : {
        id: 'detach-from-asg',
        reason,
        action: 'autoscaling:DetachInstances',
        mayAlsoCall: ['autoscaling:UpdateAutoScalingGroup'],
        region: context.region,
        input,
        fallback,
      };
}

/** Suspends the processes by which a group would terminate and replace an unhealthy instance. */
export function suspendReplacement(context: StepContext, groupName: string): Step {
  return {
    id: 'suspend-asg-replacement',
    reason: `The instance could not leave ${groupName}: suspend its health checks, replacement of unhealthy instances and AZ rebalancing (for the whole group) so that isolation does not get the evidence terminated.`,
    action: 'autoscaling:SuspendProcesses',
    region: context.region,
    input: { AutoScalingGroupName: groupName, ScalingProcesses: [...REPLACEMENT_PROCESSES] },
  };
}

/** Deregisters the instance (or its addresses) from one ELBv2 target group. */
export function deregisterTargets(
  context: StepContext,
  targetGroupArn: string,
  targets: readonly { readonly Id: string }[],
): Step {
  const name = targetGroupArn.split('/')[1] ?? targetGroupArn;
  return {
    id: `deregister-from-target-group-${idFragment(name)}`,
    reason:
      'Stop the load balancer sending traffic to the instance; connections through a Network Load Balancer stay tracked through the group swap.',
    action: 'elasticloadbalancing:DeregisterTargets',
    region: context.region,
    input: { TargetGroupArn: targetGroupArn, Targets: targets.map((target) => ({ ...target })) },
    alreadyDoneOn: ['InvalidTarget'],
    // The isolation group stops the traffic anyway: a failed deregistration degrades the run.
    onFailure: 'continue',
  };
}

/** Deregisters the instance from one Classic Load Balancer. */
export function deregisterFromClassicLoadBalancer(
  context: StepContext,
  loadBalancerName: string,
): Step {
  return {
    id: `deregister-from-classic-elb-${idFragment(loadBalancerName)}`,
    reason: 'Stop the Classic Load Balancer sending traffic to the instance.',
    action: 'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
    region: context.region,
    input: { LoadBalancerName: loadBalancerName, Instances: [{ InstanceId: context.instanceId }] },
    onFailure: 'continue',
  };
}

/** The tags the module puts on plumbing, which the read looks groups up by. */
function groupTags(
  component: string,
  caseId: string,
): { ResourceType: 'security-group'; Tags: { Key: string; Value: string }[] }[] {
  return [
    {
      ResourceType: 'security-group',
      Tags: tagList({
        [PLUMBING_TAG_KEY]: component,
        [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value,
        'pyjamas:created-for-case': caseId,
      }),
    },
  ];
}

/**
 * Creates the isolation and untrack groups of a VPC the module does not cover, as the module
 * would: the isolation group without any rule, the untrack group allowing all traffic in and
 * out for IPv4 and IPv6. Later steps refer to the new ids with {@link createdGroup}.
 */
export function createVpcGroups(
  context: StepContext,
  vpcId: string,
  need: { readonly isolation: boolean; readonly untrack: boolean },
): Step[] {
  const vpc = idFragment(vpcId);
  const steps: Step[] = [];
  if (need.isolation) {
    steps.push(
      {
        id: `create-isolation-group-${vpc}`,
        reason: `No isolation group is tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.isolationSecurityGroup} in ${vpcId}; create one (found again by its tag or name).`,
        action: 'ec2:CreateSecurityGroup',
        region: context.region,
        input: {
          GroupName: `pyjamas-isolation-${vpcId}`,
          Description: 'Pyjamas isolation: no inbound or outbound traffic',
          VpcId: vpcId,
          TagSpecifications: groupTags(PLUMBING_COMPONENTS.isolationSecurityGroup, context.caseId),
        },
      },
      {
        id: `revoke-isolation-group-egress-${vpc}`,
        reason:
          'EC2 gives every new group an allow-all egress rule; the isolation group must have no rule at all.',
        action: 'ec2:RevokeSecurityGroupEgress',
        region: context.region,
        input: {
          GroupId: createdGroup(`create-isolation-group-${vpc}`),
          IpPermissions: [ALL_TRAFFIC_IPV4],
        },
        alreadyDoneOn: ['InvalidPermission.NotFound'],
      },
    );
  }
  if (need.untrack) {
    steps.push(
      {
        id: `create-untrack-group-${vpc}`,
        reason: `No untrack group is tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.untrackSecurityGroup} in ${vpcId}; create one (found again by its tag or name).`,
        action: 'ec2:CreateSecurityGroup',
        region: context.region,
        input: {
          GroupName: `pyjamas-untrack-${vpcId}`,
          Description:
            'Pyjamas isolation step 1: all traffic, so that existing flows become untracked',
          VpcId: vpcId,
          TagSpecifications: groupTags(PLUMBING_COMPONENTS.untrackSecurityGroup, context.caseId),
        },
      },
      {
        id: `allow-untrack-ingress-${vpc}`,
        reason:
          'Flows are untracked only when all traffic is allowed in both directions, for IPv4 and IPv6.',
        action: 'ec2:AuthorizeSecurityGroupIngress',
        region: context.region,
        input: {
          GroupId: createdGroup(`create-untrack-group-${vpc}`),
          IpPermissions: [ALL_TRAFFIC],
        },
        alreadyDoneOn: ['InvalidPermission.Duplicate'],
      },
      {
        id: `allow-untrack-ipv6-egress-${vpc}`,
        reason: 'The default egress rule covers IPv4 only; IPv6 flows stay tracked without ::/0.',
        action: 'ec2:AuthorizeSecurityGroupEgress',
        region: context.region,
        input: {
          GroupId: createdGroup(`create-untrack-group-${vpc}`),
          IpPermissions: [ALL_TRAFFIC_IPV6],
        },
        alreadyDoneOn: ['InvalidPermission.Duplicate'],
      },
    );
  }
  return steps;
}

/**
 * Moves one interface to the untrack group: its TCP and UDP flows stop being tracked. The untrack
 * group allows everything from and to anywhere, so the step opens a window: it is closed by
 * {@link isolateInterface} and, should that fail, undone by {@link restoreInterfaceGroups}.
 */
export function untrackInterface(
  context: StepContext,
  networkInterfaceId: string,
  untrackGroup: GroupRef,
  originalGroups: readonly string[],
): Step {
  return {
    id: `untrack-eni-${idFragment(networkInterfaceId)}`,
    reason:
      'Changing groups does not cut tracked connections; allowing all traffic first makes the flows untracked, so the next step cuts them.',
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [untrackGroup] },
    opensWindow: {
      exposes: networkInterfaceId,
      closedBy: isolateInterfaceId(networkInterfaceId),
      undo: restoreInterfaceGroups(context, networkInterfaceId, originalGroups),
    },
  };
}

/** Puts one interface back in the groups it had before the run (the pre-state names them). */
export function restoreInterfaceGroups(
  context: StepContext,
  networkInterfaceId: string,
  originalGroups: readonly string[],
): Step {
  return {
    id: `restore-eni-${idFragment(networkInterfaceId)}-groups`,
    reason:
      'The interface could not reach the isolation group: put it back in its own groups rather than leave it in the allow-all untrack group.',
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [...originalGroups] },
  };
}

function isolateInterfaceId(networkInterfaceId: string): string {
  return `isolate-eni-${idFragment(networkInterfaceId)}`;
}

/** Moves one interface to its final groups: the isolation group (plus the capture path when memory is captured). */
export function isolateInterface(
  context: StepContext,
  networkInterfaceId: string,
  groups: readonly GroupRef[],
): Step {
  return {
    id: isolateInterfaceId(networkInterfaceId),
    reason:
      'The isolation group has no rules: untracked flows stop at once and no new flow is allowed.',
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [...groups] },
  };
}

/** Denies one address in one direction in a subnet's network ACL. */
export function denyInNetworkAcl(
  context: StepContext,
  entry: {
    readonly networkAclId: string;
    readonly ruleNumber: number;
    readonly egress: boolean;
    readonly cidr: string;
  },
): Step {
  const ipv6 = entry.cidr.includes(':');
  return {
    id: `deny-nacl-${entry.egress ? 'egress' : 'ingress'}-${idFragment(entry.cidr)}`,
    reason:
      'Network ACLs are stateless: a deny cuts even the flows the security groups still track (NAT gateway, load balancer, ICMP).',
    action: 'ec2:CreateNetworkAclEntry',
    region: context.region,
    input: {
      NetworkAclId: entry.networkAclId,
      RuleNumber: entry.ruleNumber,
      Protocol: '-1',
      RuleAction: 'deny',
      Egress: entry.egress,
      ...(ipv6 ? { Ipv6CidrBlock: entry.cidr } : { CidrBlock: entry.cidr }),
    },
  };
}

/** Disassociates one Elastic IP (its address is in the pre-state). */
export function disassociateAddress(
  context: StepContext,
  publicIp: string,
  associationId: string,
): Step {
  return {
    id: `disassociate-eip-${idFragment(publicIp)}`,
    reason:
      'Remove the public address; the pre-state keeps it for flow-log and CloudTrail correlation.',
    action: 'ec2:DisassociateAddress',
    region: context.region,
    input: { AssociationId: associationId },
    alreadyDoneOn: ['InvalidAssociationID.NotFound'],
  };
}

/** Swaps the instance profile for the quarantine profile, or associates it when there is none. */
export function quarantineProfile(
  context: StepContext,
  quarantine: { readonly name: string },
  associationId: string | undefined,
): Step {
  const reason =
    'Credentials the instance gets from IMDS from now on belong to the deny-all quarantine role.';
  return associationId
    ? {
        id: 'replace-instance-profile',
        reason,
        action: 'ec2:ReplaceIamInstanceProfileAssociation',
        region: context.region,
        input: { AssociationId: associationId, IamInstanceProfile: { Name: quarantine.name } },
      }
    : {
        id: 'associate-instance-profile',
        reason,
        action: 'ec2:AssociateIamInstanceProfile',
        region: context.region,
        input: { InstanceId: context.instanceId, IamInstanceProfile: { Name: quarantine.name } },
      };
}

/**
 * Takes the instance's profile away when there is no quarantine profile to swap in: IMDS hands out
 * no more credentials of the old role (the pre-state keeps the profile and its association).
 */
export function disassociateInstanceProfile(context: StepContext, associationId: string): Step {
  return {
    id: 'disassociate-instance-profile',
    reason:
      'No quarantine profile to swap in: without a profile the instance gets no more role credentials from IMDS.',
    action: 'ec2:DisassociateIamInstanceProfile',
    region: context.region,
    input: { AssociationId: associationId },
    alreadyDoneOn: ['InvalidAssociationID.NotFound'],
  };
}

/**
 * Denies every session of a role issued before `issuedBefore` (the moment the profile swap
 * completed, or the plan's time when there was no swap). Hits every user of the role. An earlier
 * `AWSRevokeOlderSessions` is replaced: its time moves forward to this one.
 */
export function revokeRoleSessions(
  context: StepContext,
  roleName: string,
  issuedBefore: string | StepRef,
): Step {
  return {
    id: `revoke-role-sessions-${idFragment(roleName)}`,
    reason:
      'Credentials already handed out by IMDS stay valid for hours; deny those issued before the profile swap (every other user of the role is hit too).',
    action: 'iam:PutRolePolicy',
    region: context.region,
    input: {
      RoleName: roleName,
      PolicyName: REVOKE_SESSIONS_POLICY,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: ['*'],
            Resource: ['*'],
            Condition: { DateLessThan: { 'aws:TokenIssueTime': issuedBefore } },
          },
        ],
      },
    },
  };
}

/**
 * Denies the role's sessions of this instance only, issued before `issuedBefore`: EC2 names an
 * instance's role session after the instance, so its `aws:userid` is `<role-id>:<instance-id>`,
 * and requests signed with instance credentials carry `ec2:SourceInstanceARN`. Either statement
 * stops credentials stolen from IMDS wherever they are used; other users of the role keep working.
 */
export function revokeInstanceSessions(
  context: StepContext,
  role: { readonly name: string; readonly id?: string },
  instanceArn: string,
  issuedBefore: string | StepRef,
): Step {
  const before = { 'aws:TokenIssueTime': issuedBefore };
  return {
    id: `revoke-instance-sessions-${idFragment(role.name)}`,
    reason: `Credentials IMDS already handed out stay valid for hours; deny the sessions of ${role.name} that ${context.instanceId} got before the profile change, and no one else's.`,
    action: 'iam:PutRolePolicy',
    region: context.region,
    input: {
      RoleName: role.name,
      PolicyName: instanceRevocationPolicy(context.instanceId),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          ...(role.id
            ? [
                {
                  Sid: 'DenyInstanceSessionsByUserId',
                  Effect: 'Deny',
                  Action: ['*'],
                  Resource: ['*'],
                  Condition: {
                    StringEquals: { 'aws:userid': `${role.id}:${context.instanceId}` },
                    DateLessThan: before,
                  },
                },
              ]
            : []),
          {
            Sid: 'DenyInstanceSessionsBySourceInstance',
            Effect: 'Deny',
            Action: ['*'],
            Resource: ['*'],
            Condition: {
              StringEquals: { 'ec2:SourceInstanceARN': instanceArn },
              DateLessThan: before,
            },
          },
        ],
      },
    },
  };
}

function snapshotTags(
  context: StepContext,
): { ResourceType: 'snapshot'; Tags: { Key: string; Value: string }[] }[] {
  return [
    {
      ResourceType: 'snapshot',
      Tags: tagList({
        [RESPONSE_TAGS.caseId]: context.caseId,
        [RESPONSE_TAGS.sourceInstance]: context.instanceId,
      }),
    },
  ];
}

/** Crash-consistent snapshots of the attached volumes not yet snapshotted for the case, in one call. */
export function snapshotInstanceVolumes(
  context: StepContext,
  exclude: { readonly bootVolume: boolean; readonly dataVolumeIds: readonly string[] },
): Step {
  return {
    id: 'snapshot-volumes',
    reason: 'Preserve the disks: one crash-consistent point in time across every attached volume.',
    action: 'ec2:CreateSnapshots',
    region: context.region,
    input: {
      InstanceSpecification: {
        InstanceId: context.instanceId,
        ExcludeBootVolume: exclude.bootVolume,
        ...(exclude.dataVolumeIds.length > 0
          ? { ExcludeDataVolumeIds: [...exclude.dataVolumeIds] }
          : {}),
      },
      Description: `pyjamas case ${context.caseId}: volumes of ${context.instanceId}`,
      TagSpecifications: snapshotTags(context),
    },
    onFailure: 'continue',
  };
}

/** A snapshot of one volume no longer attached (it survived the instance's termination). */
export function snapshotVolume(context: StepContext, volumeId: string): Step {
  return {
    id: `snapshot-volume-${idFragment(volumeId)}`,
    reason: 'Preserve a volume that outlived its instance.',
    action: 'ec2:CreateSnapshot',
    region: context.region,
    input: {
      VolumeId: volumeId,
      Description: `pyjamas case ${context.caseId}: ${volumeId} of ${context.instanceId}`,
      TagSpecifications: snapshotTags(context),
    },
    onFailure: 'continue',
  };
}

/** Locks one snapshot in compliance mode, with a one-day cool-off in which a mistaken lock can still be changed. */
export function lockSnapshot(
  context: StepContext,
  volumeId: string,
  snapshotId: string | StepRef,
  days: number,
): Step {
  return {
    id: `lock-snapshot-${idFragment(volumeId)}`,
    reason: `Nobody, not even the account root, can delete the snapshot of ${volumeId} for ${days} days once the cool-off ends.`,
    action: 'ec2:LockSnapshot',
    region: context.region,
    input: {
      SnapshotId: snapshotId,
      LockMode: 'compliance',
      CoolOffPeriod: 24,
      LockDuration: days,
    },
    onFailure: 'continue',
  };
}

/**
 * Stops the instance: the one cut of what no security group or network ACL filters (the VPC DNS
 * resolver, instance metadata, Amazon Time Sync). Its RAM and any instance-store volume are lost;
 * the EBS volumes stay, already snapshotted by then. A graceful stop, never `Force`: EC2 flushes
 * and shuts the OS down, and the snapshots were taken before the guest's shutdown scripts run.
 * StopInstances on an instance already stopping or stopped changes nothing and succeeds.
 */
export function stopInstance(context: StepContext): Step {
  return {
    id: 'stop-instance',
    reason:
      'Security groups and network ACLs leave the VPC DNS resolver, instance metadata and time sync reachable; only a stopped instance talks to nothing.',
    action: 'ec2:StopInstances',
    region: context.region,
    input: { InstanceIds: [context.instanceId] },
  };
}
