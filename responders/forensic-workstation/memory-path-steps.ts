/*
 * The memory path's step factories: pure, steps as data; their runners are in
 * memory-path-runners.ts.
 */
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Step, StepRef } from '../core/step';

export const EXPIRES_AT_TAG = 'pyjamas:expires-at';

/** A security group id, known at plan time or created by an earlier step. */
export type PathGroupRef = string | StepRef;

/** What every memory-path step needs to know. */
export interface PathContext {
  readonly region: string;
  readonly caseId: string;
}

/** Name of the case's memory-path group in a VPC (unique per VPC, found again by it). */
export function memoryPathGroupName(caseId: string): string {
  return `pyjamas-memory-path-${caseId}`;
}

/** The permission of the path: tcp/`port` from or to one group. */
function pathPermission(groupId: PathGroupRef, port: number, description: string) {
  return [
    {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      UserIdGroupPairs: [{ GroupId: groupId, Description: description }],
    },
  ];
}

/**
 * Creates the case's own group in one VPC, tagged with the case and the expiry, and makes it
 * allow tcp/`port` from the forensic group and nothing else: no other instance, and no other
 * case, is opened by it. Later steps refer to it as `{ $fromStep: <first id>, path: 'GroupId' }`.
 */
export function createPathGroup(
  context: PathContext,
  vpcId: string,
  forensicGroupId: string,
  port: number,
  expiresAt: string,
): Step[] {
  const create = `create-memory-path-group-${vpcId}`;
  const group = { $fromStep: create, path: 'GroupId' };
  return [
    {
      id: create,
      reason: `A group of case ${context.caseId}'s own in ${vpcId}: the per-VPC isolation group stays without rules (and Terraform cannot take the path away on its next apply).`,
      action: 'ec2:CreateSecurityGroup',
      region: context.region,
      input: {
        GroupName: memoryPathGroupName(context.caseId),
        Description: `Pyjamas memory path of case ${context.caseId} until ${expiresAt}`,
        VpcId: vpcId,
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: [
              { Key: RESPONSE_TAGS.caseId, Value: context.caseId },
              { Key: EXPIRES_AT_TAG, Value: expiresAt },
            ],
          },
        ],
      },
    },
    {
      id: `revoke-memory-path-egress-${vpcId}`,
      reason:
        'EC2 gives every new group an allow-all egress rule; the path only lets the workstation in (replies are allowed by state).',
      action: 'ec2:RevokeSecurityGroupEgress',
      region: context.region,
      input: {
        GroupId: group,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
      alreadyDoneOn: ['InvalidPermission.NotFound'],
    },
    allowPathIngress(context, vpcId, group, forensicGroupId, port, expiresAt),
  ];
}

/** Lets the forensic group into the case's group on tcp/`port`. */
export function allowPathIngress(
  context: PathContext,
  vpcId: string,
  pathGroup: PathGroupRef,
  forensicGroupId: string,
  port: number,
  expiresAt: string,
): Step {
  return {
    id: `allow-memory-path-ingress-${vpcId}`,
    reason: `Let the forensic group in on tcp/${port}, until ${expiresAt}.`,
    action: 'ec2:AuthorizeSecurityGroupIngress',
    region: context.region,
    input: {
      GroupId: pathGroup,
      IpPermissions: pathPermission(
        forensicGroupId,
        port,
        `pyjamas case ${context.caseId} memory path until ${expiresAt}`,
      ),
    },
    alreadyDoneOn: ['InvalidPermission.Duplicate'],
  };
}

/** Lets the forensic group connect out to the case's group (and to no other). */
export function allowForensicEgress(
  context: PathContext,
  vpcId: string,
  forensicGroupId: string,
  pathGroup: PathGroupRef,
  port: number,
  expiresAt: string,
): Step {
  return {
    id: `open-forensic-egress-${vpcId}`,
    reason: `Let the forensic group connect out to case ${context.caseId}'s group on tcp/${port}.`,
    action: 'ec2:AuthorizeSecurityGroupEgress',
    region: context.region,
    input: {
      GroupId: forensicGroupId,
      IpPermissions: pathPermission(
        pathGroup,
        port,
        `pyjamas case ${context.caseId} memory path until ${expiresAt}`,
      ),
      TagSpecifications: [
        {
          ResourceType: 'security-group-rule',
          Tags: [
            { Key: RESPONSE_TAGS.caseId, Value: context.caseId },
            { Key: EXPIRES_AT_TAG, Value: expiresAt },
          ],
        },
      ],
    },
    alreadyDoneOn: ['InvalidPermission.Duplicate'],
  };
}

/** Puts one interface of a case instance in `groups` (its groups with or without the path group). */
export function setInterfaceGroups(
  context: PathContext,
  networkInterfaceId: string,
  groups: readonly PathGroupRef[],
  opening: boolean,
): Step {
  return {
    id: `${opening ? 'attach' : 'detach'}-memory-path-${networkInterfaceId}`,
    reason: opening
      ? `Add the case's path group to ${networkInterfaceId}, beside its isolation group: only this case's instances are reachable.`
      : `Take the case's path group off ${networkInterfaceId}: it is back to its isolation groups only.`,
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    region: context.region,
    input: { NetworkInterfaceId: networkInterfaceId, Groups: [...groups] },
    stage: opening ? 'attach-path' : 'detach-path',
  };
}

/** Deletes the case's path group once no interface holds it and no rule refers to it. */
export function deletePathGroup(context: PathContext, groupId: string): Step {
  return {
    id: `delete-memory-path-group-${groupId}`,
    reason:
      'The path is closed: the case group goes (EC2 refuses while an interface or rule uses it).',
    action: 'ec2:DeleteSecurityGroup',
    region: context.region,
    input: { GroupId: groupId },
    alreadyDoneOn: ['InvalidGroup.NotFound'],
  };
}
