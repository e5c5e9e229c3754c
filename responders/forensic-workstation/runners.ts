/*
 * The forensic commands' runners: the only code that turns their steps into SDK calls.
 */
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
import { MEMORY_PATH_RUNNERS } from './memory-path-runners';
import type { StepRunners } from '../core/step';

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
