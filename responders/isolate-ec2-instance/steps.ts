import {
  AssociateIamInstanceProfileCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSnapshotsCommand,
  CreateTagsCommand,
  DescribeSecurityGroupsCommand,
  DisassociateAddressCommand,
  EC2Client,
  LockSnapshotCommand,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceIamInstanceProfileAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  type CreateSecurityGroupCommandInput,
  type CreateSnapshotsCommandInput,
} from '@aws-sdk/client-ec2';
import {
  AutoScalingClient,
  DetachInstancesCommand,
  EnterStandbyCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterInstancesFromLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DeregisterTargetsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import {
  MANAGED_BY_TAG,
  PLUMBING_COMPONENTS,
  PLUMBING_TAG_KEY,
  RESPONSE_TAGS,
} from '../../lib/plumbing-tags';
import { answered, sdkRunner } from '../core/runners';
import type { Step, StepOutput, StepRef, StepRunner, StepRunners } from '../core/step';
import { MEMORY_CAPTURE_RUNNERS } from './memory-steps';

/** Name of the inline role policy that revokes older sessions, as the IAM console names it. */
export const REVOKE_SESSIONS_POLICY = 'AWSRevokeOlderSessions';

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

function ec2(aws: AwsClients, region: string): EC2Client {
  return aws.get(EC2Client, region);
}

/**
 * CreateSecurityGroup that answers with the group's id even when it exists already: a
 * concurrent response in the same VPC may have created it between our read and this call, and
 * later steps need the id. Such a step is recorded as done with `existing: true`.
 */
const createSecurityGroup: StepRunner = async (aws, region, input) => {
  const typed = input as unknown as CreateSecurityGroupCommandInput;
  try {
    const answer = await ec2(aws, region).send(new CreateSecurityGroupCommand(typed));
    return { ...answered(answer), output: { GroupId: answer.GroupId } };
  } catch (error) {
    if (awsErrorName(error) !== 'InvalidGroup.Duplicate') throw error;
    const found = await ec2(aws, region).send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [typed.VpcId ?? ''] },
          { Name: 'group-name', Values: [typed.GroupName ?? ''] },
        ],
      }),
    );
    const groupId = found.SecurityGroups?.[0]?.GroupId;
    if (!groupId) throw error;
    return { ...answered(found), output: { GroupId: groupId, existing: true } };
  }
};

/**
 * The runners of every action the isolation plan uses. `clock` stamps the moment the instance
 * profile was replaced: the session revocation that follows denies credentials issued before it.
 */
export function isolationRunners(clock: Clock): StepRunners {
  const profileSwapped = (answer: { $metadata?: { requestId?: string } }): StepOutput => ({
    ...answered(answer),
    output: { completedAt: clock.now().toISOString() },
  });
  return {
    'ec2:CreateTags': sdkRunner(EC2Client, CreateTagsCommand),
    'ec2:ModifyInstanceAttribute': sdkRunner(EC2Client, ModifyInstanceAttributeCommand),
    'autoscaling:UpdateAutoScalingGroup': sdkRunner(
      AutoScalingClient,
      UpdateAutoScalingGroupCommand,
    ),
    'autoscaling:EnterStandby': sdkRunner(AutoScalingClient, EnterStandbyCommand),
    'autoscaling:DetachInstances': sdkRunner(AutoScalingClient, DetachInstancesCommand),
    'elasticloadbalancing:DeregisterTargets': sdkRunner(
      ElasticLoadBalancingV2Client,
      DeregisterTargetsCommand,
    ),
    'elasticloadbalancing:DeregisterInstancesFromLoadBalancer': sdkRunner(
      ElasticLoadBalancingClient,
      DeregisterInstancesFromLoadBalancerCommand,
    ),
    'ec2:CreateSecurityGroup': createSecurityGroup,
    'ec2:RevokeSecurityGroupEgress': sdkRunner(EC2Client, RevokeSecurityGroupEgressCommand),
    'ec2:AuthorizeSecurityGroupIngress': sdkRunner(EC2Client, AuthorizeSecurityGroupIngressCommand),
    'ec2:AuthorizeSecurityGroupEgress': sdkRunner(EC2Client, AuthorizeSecurityGroupEgressCommand),
    'ec2:ModifyNetworkInterfaceAttribute': sdkRunner(
      EC2Client,
      ModifyNetworkInterfaceAttributeCommand,
    ),
    'ec2:CreateNetworkAclEntry': sdkRunner(EC2Client, CreateNetworkAclEntryCommand),
    'ec2:DisassociateAddress': sdkRunner(EC2Client, DisassociateAddressCommand),
    ...MEMORY_CAPTURE_RUNNERS,
    'ec2:ReplaceIamInstanceProfileAssociation': async (aws, region, input) =>
      profileSwapped(
        await ec2(aws, region).send(
          new ReplaceIamInstanceProfileAssociationCommand(input as never),
        ),
      ),
    'ec2:AssociateIamInstanceProfile': async (aws, region, input) =>
      profileSwapped(
        await ec2(aws, region).send(new AssociateIamInstanceProfileCommand(input as never)),
      ),
    'iam:PutRolePolicy': async (aws, region, input) =>
      answered(
        await aws.get(IAMClient, region).send(
          new PutRolePolicyCommand({
            RoleName: input.RoleName as string,
            PolicyName: input.PolicyName as string,
            PolicyDocument: JSON.stringify(input.PolicyDocument),
          }),
        ),
      ),
    'ec2:CreateSnapshots': async (aws, region, input) => {
      const answer = await ec2(aws, region).send(
        new CreateSnapshotsCommand(input as unknown as CreateSnapshotsCommandInput),
      );
      const byVolume = Object.fromEntries(
        (answer.Snapshots ?? []).map((snapshot) => [
          snapshot.VolumeId ?? '',
          snapshot.SnapshotId ?? '',
        ]),
      );
      return { ...answered(answer), output: { snapshotsByVolume: byVolume } };
    },
    'ec2:CreateSnapshot': async (aws, region, input) => {
      const answer = await ec2(aws, region).send(new CreateSnapshotCommand(input as never));
      return { ...answered(answer), output: { SnapshotId: answer.SnapshotId } };
    },
    'ec2:LockSnapshot': async (aws, region, input) =>
      answered(await ec2(aws, region).send(new LockSnapshotCommand(input as never))),
  };
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

/** Lowers an Auto Scaling group's minimum so that the instance can leave it with the desired capacity decremented. */
export function lowerAutoScalingMinimum(
  context: StepContext,
  groupName: string,
  minSize: number,
): Step {
  return {
    id: 'lower-asg-minimum',
    reason: `Auto Scaling refuses to decrement the desired capacity below the minimum; lowering it to ${minSize} avoids a replacement launch.`,
    action: 'autoscaling:UpdateAutoScalingGroup',
    region: context.region,
    input: { AutoScalingGroupName: groupName, MinSize: minSize },
  };
}

/** Puts the instance in standby, or detaches it, with the desired capacity decremented. */
export function leaveAutoScalingGroup(
  context: StepContext,
  groupName: string,
  action: 'standby' | 'detach',
): Step {
  const reason =
    'Termination protection does not stop Auto Scaling: once isolation fails its health checks the group would terminate the evidence, so the instance leaves the group first.';
  return action === 'standby'
    ? {
        id: 'enter-asg-standby',
        reason,
        action: 'autoscaling:EnterStandby',
        region: context.region,
        input: {
          AutoScalingGroupName: groupName,
          InstanceIds: [context.instanceId],
          ShouldDecrementDesiredCapacity: true,
        },
      }
    : {
        id: 'detach-from-asg',
        reason,
        action: 'autoscaling:DetachInstances',
        region: context.region,
        input: {
          AutoScalingGroupName: groupName,
          InstanceIds: [context.instanceId],
          ShouldDecrementDesiredCapacity: true,
        },
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

/** Moves one interface to the untrack group: its TCP and UDP flows stop being tracked. */
export function untrackInterface(
  context: StepContext,
  networkInterfaceId: string,
  untrackGroup: GroupRef,
): Step {
  return {
    id: `untrack-eni-${idFragment(networkInterfaceId)}`,
    reason:
      'Changing groups does not cut tracked connections; allowing all traffic first makes the flows untracked, so the next step cuts them.',
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [untrackGroup] },
  };
}

/** Moves one interface to its final groups: the isolation group (plus the capture path when memory is captured). */
export function isolateInterface(
  context: StepContext,
  networkInterfaceId: string,
  groups: readonly GroupRef[],
): Step {
  return {
    id: `isolate-eni-${idFragment(networkInterfaceId)}`,
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
 * Denies every session of a role issued before `issuedBefore` (the moment the profile swap
 * completed, or the plan's time when there was no swap). Hits every user of the role.
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

function snapshotTags(
  context: StepContext,
): { ResourceType: 'snapshot'; Tags: { Key: string; Value: string }[] }[] {
  return [
    {
      ResourceType: 'snapshot',
      Tags: tagList({
        [RESPONSE_TAGS.caseId]: context.caseId,
        'pyjamas:source-instance': context.instanceId,
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
