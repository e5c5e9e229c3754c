import {
  AttachVolumeCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateVolumeCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilVolumeAvailable,
} from '@aws-sdk/client-ec2';
import { answered, sdkRunner } from '../core/runners';
import type { Step, StepRef, StepRunners } from '../core/step';
import { MEMORY_PATH_RUNNERS } from './memory-path-steps';

/** Tag on working copies naming their case (not `pyjamas:case-id`: copies are not evidence). */
export const FORENSIC_CASE_TAG = 'pyjamas:forensic-case';
/** Tag on working copies naming the snapshot they were made from. */
export const SOURCE_SNAPSHOT_TAG = 'pyjamas:source-snapshot';
export { EXPIRES_AT_TAG } from './memory-path-steps';

/** How long CreateVolume may take to make the volume available before attaching fails the run. */
const VOLUME_WAIT_SECONDS = 600;
/** How long a launched or started workstation may take to reach `running`. */
const INSTANCE_WAIT_SECONDS = 600;

/** Waits until the instance runs, so that the verification and `forensics attach` find it running. */
async function untilRunning(ec2: EC2Client, instanceId: string): Promise<void> {
  await waitUntilInstanceRunning(
    { client: ec2, maxWaitTime: INSTANCE_WAIT_SECONDS },
    { InstanceIds: [instanceId] },
  );
}

/** Runners of the forensic commands' actions. */
export const FORENSIC_RUNNERS: StepRunners = {
  // A volume made from a snapshot is `creating` for a while; AttachVolume refuses it until then,
  // so this runner returns once the volume is available (the only wait in these plans).
  'ec2:CreateVolume': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new CreateVolumeCommand(input as never));
    await waitUntilVolumeAvailable(
      { client: ec2, maxWaitTime: VOLUME_WAIT_SECONDS },
      { VolumeIds: [answer.VolumeId as string] },
    );
    return { ...answered(answer), output: { VolumeId: answer.VolumeId } };
  },
  'ec2:AttachVolume': sdkRunner(EC2Client, AttachVolumeCommand),
  'ec2:RunInstances': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new RunInstancesCommand(input as never));
    const instanceId = answer.Instances?.[0]?.InstanceId as string;
    await untilRunning(ec2, instanceId);
    return answered(answer, { InstanceId: instanceId });
  },
  'ec2:StartInstances': async (aws, region, input) => {
    const ec2 = aws.get(EC2Client, region);
    const answer = await ec2.send(new StartInstancesCommand(input as never));
    await untilRunning(ec2, (input.InstanceIds as string[])[0] as string);
    return answered(answer);
  },
  'ec2:AuthorizeSecurityGroupIngress': sdkRunner(EC2Client, AuthorizeSecurityGroupIngressCommand),
  'ec2:AuthorizeSecurityGroupEgress': sdkRunner(EC2Client, AuthorizeSecurityGroupEgressCommand),
  'ec2:RevokeSecurityGroupIngress': sdkRunner(EC2Client, RevokeSecurityGroupIngressCommand),
  'ec2:RevokeSecurityGroupEgress': sdkRunner(EC2Client, RevokeSecurityGroupEgressCommand),
  ...MEMORY_PATH_RUNNERS,
};

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
