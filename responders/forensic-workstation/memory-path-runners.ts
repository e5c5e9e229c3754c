import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
  type CreateSecurityGroupCommandInput,
} from '@aws-sdk/client-ec2';
import { awsErrorName } from '../../lib/aws/errors';
import { answered, sdkRunner } from '../core/runners';
import type { StepRunner, StepRunners } from '../core/step';

/** Tag on the memory path's group and rules: when the path must be closed. */
/**
 * CreateSecurityGroup that answers with the group's id even when a concurrent run created it
 * first (`InvalidGroup.Duplicate`): later steps need the id.
 */
const createGroup: StepRunner = async (aws, region, input) => {
  const typed = input as unknown as CreateSecurityGroupCommandInput;
  const ec2 = aws.get(EC2Client, region);
  try {
    const answer = await ec2.send(new CreateSecurityGroupCommand(typed));
    return answered(answer, { GroupId: answer.GroupId });
  } catch (error) {
    if (awsErrorName(error) !== 'InvalidGroup.Duplicate') throw error;
    const found = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [typed.VpcId ?? ''] },
          { Name: 'group-name', Values: [typed.GroupName ?? ''] },
        ],
      }),
    );
    const groupId = found.SecurityGroups?.[0]?.GroupId;
    if (!groupId) throw error;
    return answered(found, { GroupId: groupId, existing: true });
  }
};

/** Runners of the memory-path actions beyond the rule changes. */
export const MEMORY_PATH_RUNNERS: StepRunners = {
  'ec2:CreateSecurityGroup': createGroup,
  'ec2:ModifyNetworkInterfaceAttribute': sdkRunner(
    EC2Client,
    ModifyNetworkInterfaceAttributeCommand,
  ),
  'ec2:DeleteSecurityGroup': sdkRunner(EC2Client, DeleteSecurityGroupCommand),
};
