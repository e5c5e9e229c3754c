/*
 * The isolation's runners: the only code that turns its steps into SDK calls.
 */
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
  DisassociateIamInstanceProfileCommand,
  EC2Client,
  LockSnapshotCommand,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceIamInstanceProfileAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  StopInstancesCommand,
  type CreateSecurityGroupCommandInput,
  type CreateSnapshotsCommandInput,
} from '@aws-sdk/client-ec2';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DetachInstancesCommand,
  EnterStandbyCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
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
import { answered, sdkRunner } from '../core/runners';
import type { StepInput, StepOutput, StepRunner, StepRunners } from '../core/step';
import { MEMORY_CAPTURE_RUNNERS } from './memory-runners';

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
 * Leaves the Auto Scaling group with the desired capacity decremented. The group is read when the
 * step runs, not when the plan was made (the operator may have taken minutes to approve it): when
 * the decrement would go below the minimum (Auto Scaling refuses it), the minimum is lowered to the
 * desired capacity less one first, and the output records from what to what (restore it when the
 * case is closed). The read is the runner's `read`, so the executor can send it beside the filing
 * of the pre-state rather than as a round trip of its own.
 */
function leaveGroup(
  CommandClass: typeof DetachInstancesCommand | typeof EnterStandbyCommand,
): StepRunner {
  const read = async (aws: AwsClients, region: string, input: StepInput) =>
    (
      await aws.get(AutoScalingClient, region).send(
        new DescribeAutoScalingGroupsCommand({
          AutoScalingGroupNames: [input.AutoScalingGroupName as string],
        }),
      )
    ).AutoScalingGroups?.[0];
  const leave = async (
    aws: AwsClients,
    region: string,
    input: StepInput,
    early?: Promise<unknown>,
  ): Promise<StepOutput> => {
    const client = aws.get(AutoScalingClient, region);
    const groupName = input.AutoScalingGroupName as string;
    const group = (await (early ?? read(aws, region, input))) as AutoScalingGroup | undefined;
    const desired = group?.DesiredCapacity ?? 0;
    const minimum = group?.MinSize ?? 0;
    const lowered = group && desired - 1 < minimum ? Math.max(0, desired - 1) : undefined;
    if (lowered !== undefined && lowered !== minimum)
      await client.send(
        new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: groupName, MinSize: lowered }),
      );
    const answer = await client.send(new CommandClass(input as never));
    return answered(
      answer,
      lowered !== undefined && lowered !== minimum
        ? { minSizeLoweredFrom: minimum, minSizeLoweredTo: lowered }
        : undefined,
    );
  };
  return Object.assign(leave, { read });
}

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
    'autoscaling:EnterStandby': leaveGroup(EnterStandbyCommand),
    'autoscaling:DetachInstances': leaveGroup(DetachInstancesCommand),
    'autoscaling:SuspendProcesses': sdkRunner(AutoScalingClient, SuspendProcessesCommand),
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
    'ec2:DisassociateIamInstanceProfile': async (aws, region, input) =>
      profileSwapped(
        await ec2(aws, region).send(new DisassociateIamInstanceProfileCommand(input as never)),
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
    'ec2:StopInstances': sdkRunner(EC2Client, StopInstancesCommand),
    'ec2:LockSnapshot': async (aws, region, input) =>
      answered(await ec2(aws, region).send(new LockSnapshotCommand(input as never))),
  };
}
