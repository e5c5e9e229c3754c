/*
 * The forensic commands' step factories: pure, steps as data; their runners are in runners.ts.
 */
import type { Step, StepRef } from '../core/step';

/** Tag on working copies naming their case (not `pyjamas:case-id`: copies are not evidence). */
export const FORENSIC_CASE_TAG = 'pyjamas:forensic-case';
/** Tag on working copies naming the snapshot they were made from. */
export const SOURCE_SNAPSHOT_TAG = 'pyjamas:source-snapshot';
export { EXPIRES_AT_TAG } from './memory-path-steps';

/** Creates a working copy of a case snapshot in the workstation's availability zone. */
export function createWorkingCopy(
  context: { readonly region: string; readonly caseId: string; readonly workstationId: string },
  snapshotId: string,
  availabilityZone: string,
): Step {
  return {
    id: `create-volume-${snapshotId}`,
    reason: `EBS volumes attach only within one availability zone: a copy of ${snapshotId} in ${availabilityZone} leaves the locked snapshot untouched.`,
    action: 'ec2:CreateVolume',
    region: context.region,
    input: {
      SnapshotId: snapshotId,
      AvailabilityZone: availabilityZone,
      VolumeType: 'gp3',
      TagSpecifications: [
        {
          ResourceType: 'volume',
          Tags: [
            { Key: FORENSIC_CASE_TAG, Value: context.caseId },
            { Key: SOURCE_SNAPSHOT_TAG, Value: snapshotId },
            { Key: 'pyjamas:forensic-workstation', Value: context.workstationId },
          ],
        },
      ],
    },
  };
}

/** Attaches a working copy to the workstation. */
export function attachWorkingCopy(
  region: string,
  workstationId: string,
  snapshotId: string,
  volumeId: string | StepRef,
  device: string,
): Step {
  return {
    id: `attach-volume-${snapshotId}`,
    reason: `Give the workstation the copy of ${snapshotId} as ${device}; mount it read-only.`,
    action: 'ec2:AttachVolume',
    region,
    input: { VolumeId: volumeId, InstanceId: workstationId, Device: device },
    alreadyDoneOn: ['VolumeInUse'],
  };
}

/** Removes one rule of a memory path. */
export function closePathRule(
  region: string,
  rule: { readonly ruleId: string; readonly groupId: string; readonly egress: boolean },
): Step {
  return {
    id: `close-${rule.egress ? 'egress' : 'ingress'}-${rule.ruleId}`,
    reason: "Close the memory path: the forensic group no longer reaches the case's group.",
    action: rule.egress ? 'ec2:RevokeSecurityGroupEgress' : 'ec2:RevokeSecurityGroupIngress',
    region,
    input: { GroupId: rule.groupId, SecurityGroupRuleIds: [rule.ruleId] },
    alreadyDoneOn: ['InvalidPermission.NotFound', 'InvalidSecurityGroupRuleId.NotFound'],
  };
}

/** What a launch needs beyond the template: where, how big, and the idempotency token. */
export interface WorkstationLaunch {
  readonly region: string;
  readonly caseId: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly subnetId: string;
  readonly groupIds: readonly string[];
  readonly instanceType?: string;
  readonly clientToken: string;
}

/**
 * Launches the case's workstation from the template. The request restates the template's first
 * network interface with the chosen subnet and no public address, so the plan shows exactly
 * where the workstation lands whatever the template says.
 */
export function launchWorkstation(launch: WorkstationLaunch, reason: string): Step {
  return {
    id: 'launch-workstation',
    reason,
    action: 'ec2:RunInstances',
    region: launch.region,
    input: {
      LaunchTemplate: {
        LaunchTemplateId: launch.templateId,
        Version: String(launch.templateVersion),
      },
      MinCount: 1,
      MaxCount: 1,
      ClientToken: launch.clientToken,
      ...(launch.instanceType ? { InstanceType: launch.instanceType } : {}),
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: launch.subnetId,
          Groups: [...launch.groupIds],
          AssociatePublicIpAddress: false,
          DeleteOnTermination: true,
        },
      ],
      TagSpecifications: [
        {
          ResourceType: 'instance',
          Tags: [
            { Key: FORENSIC_CASE_TAG, Value: launch.caseId },
            { Key: 'Name', Value: `pyjamas-forensic-${launch.caseId}` },
          ],
        },
      ],
    },
  };
}

/** Starts the case's stopped workstation. */
export function startWorkstation(region: string, instanceId: string): Step {
  return {
    id: `start-workstation-${instanceId}`,
    reason: `The case's workstation ${instanceId} is stopped; start it rather than launch a second one.`,
    action: 'ec2:StartInstances',
    region,
    input: { InstanceIds: [instanceId] },
  };
}
