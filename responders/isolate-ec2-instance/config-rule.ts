import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type Instance,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY, RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Judgement } from '../core/config-rule';

const GONE = new Set(['shutting-down', 'terminated']);

/**
 * Judges "an instance tagged `pyjamas:quarantine` is isolated" on live state: every network
 * interface holds the isolation group of its VPC and no other group (the VPC's memory capture
 * group excepted, which a running capture needs). Untagged or terminated instances are not
 * applicable. Pure.
 *
 * @param groups the security groups tagged as isolation or memory capture groups in the region
 */
export function judgeQuarantine(
  instance: Instance | undefined,
  groups: readonly SecurityGroup[],
): Judgement {
  if (!instance || GONE.has(instance.State?.Name ?? 'terminated'))
    return { compliance: 'NOT_APPLICABLE', annotation: 'The instance no longer exists.' };
  const tag = instance.Tags?.find((candidate) => candidate.Key === RESPONSE_TAGS.quarantine);
  if (!tag)
    return {
      compliance: 'NOT_APPLICABLE',
      annotation: `The instance has no ${RESPONSE_TAGS.quarantine} tag.`,
    };
  const role = (group: SecurityGroup) =>
    group.Tags?.find((candidate) => candidate.Key === PLUMBING_TAG_KEY)?.Value;
  const problems: string[] = [];
  for (const eni of instance.NetworkInterfaces ?? []) {
    const vpcGroups = groups.filter((group) => group.VpcId === (eni.VpcId ?? instance.VpcId));
    const isolation = vpcGroups.find(
      (group) => role(group) === PLUMBING_COMPONENTS.isolationSecurityGroup,
    )?.GroupId;
    const capture = vpcGroups.find(
      (group) => role(group) === PLUMBING_COMPONENTS.memoryCaptureSecurityGroup,
    )?.GroupId;
    const held = (eni.Groups ?? []).map((group) => group.GroupId ?? '');
    if (!isolation)
      problems.push(
        `${eni.NetworkInterfaceId}: no isolation group in ${eni.VpcId ?? instance.VpcId}`,
      );
    else if (!held.includes(isolation) || held.some((id) => id !== isolation && id !== capture))
      problems.push(`${eni.NetworkInterfaceId} holds ${held.join(', ') || 'no group'}`);
  }
  if (problems.length > 0)
    return {
      compliance: 'NON_COMPLIANT',
      annotation: `Quarantine requested (case ${tag.Value || 'not named'}) but not isolated: ${problems.join('; ')}.`,
    };
  return {
    compliance: 'COMPLIANT',
    annotation: `Isolated under ${RESPONSE_TAGS.quarantine}=${tag.Value ?? ''}.`,
  };
}

/** Reads the instance and the region's tagged isolation groups, then judges them. */
export async function evaluateQuarantine(
  aws: AwsClients,
  region: string,
  instanceId: string,
): Promise<Judgement> {
  const ec2 = aws.get(EC2Client, region);
  const [instance, groups] = await Promise.all([
    ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })).then(
      (answer) => answer.Reservations?.[0]?.Instances?.[0],
      (error: unknown) => {
        if (awsErrorName(error) === 'InvalidInstanceID.NotFound') return undefined;
        throw error;
      },
    ),
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          {
            Name: `tag:${PLUMBING_TAG_KEY}`,
            Values: [
              PLUMBING_COMPONENTS.isolationSecurityGroup,
              PLUMBING_COMPONENTS.memoryCaptureSecurityGroup,
            ],
          },
        ],
      }),
    ),
  ]);
  return judgeQuarantine(instance, groups.SecurityGroups ?? []);
}
