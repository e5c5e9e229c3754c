import { DescribeInstancesCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, DescribeVolumesCommand, EC2Client, paginateDescribeSnapshots, type Tag } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { UsageError } from '../../lib/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY, RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { AttachDescription, EvidenceSnapshot, MemoryPathDescription, PathEnds, WorkingCopy } from './description';
import { EXPIRES_AT_TAG, FORENSIC_CASE_TAG, SOURCE_SNAPSHOT_TAG } from './steps';

function tagMap(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.Key).map((tag) => [tag.Key as string, tag.Value ?? '']));
}

/**
 * Reads the workstation, the case's snapshots and earlier working copies, in parallel.
 *
 * @throws UsageError when the workstation does not exist or is itself part of a case
 */
export async function describeAttach(aws: AwsClients, request: { readonly region: string; readonly caseId: string; readonly workstationId: string }): Promise<AttachDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const [reservations, snapshots, copies] = await Promise.all([
    ec2.send(new DescribeInstancesCommand({ InstanceIds: [request.workstationId] })).catch((error: unknown) => {
      if (awsErrorName(error) === 'InvalidInstanceID.NotFound') throw new UsageError(`workstation ${request.workstationId} does not exist in ${request.region}`, { cause: error });
      throw error;
    }),
    readSnapshots(ec2, request.caseId),
    ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: `tag:${FORENSIC_CASE_TAG}`, Values: [request.caseId] }] })),
  ]);
  const reservation = reservations.Reservations?.[0];
  const instance = reservation?.Instances?.[0];
  if (!instance) throw new UsageError(`workstation ${request.workstationId} does not exist in ${request.region}`);
  const quarantined = tagMap(instance.Tags)[RESPONSE_TAGS.caseId];
  if (quarantined) throw new UsageError(`${request.workstationId} is itself under case ${quarantined}: choose the forensic workstation, not an isolated instance`);
  return {
    caseId: request.caseId,
    region: request.region,
    account: reservation?.OwnerId ?? 'unknown',
    workstationId: request.workstationId,
    workstationState: instance.State?.Name ?? 'unknown',
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    usedDevices: (instance.BlockDeviceMappings ?? []).map((mapping) => mapping.DeviceName ?? '').filter(Boolean),
    snapshots,
    copies: (copies.Volumes ?? []).map(
      (volume): WorkingCopy => ({
        volumeId: volume.VolumeId ?? '',
        snapshotId: tagMap(volume.Tags)[SOURCE_SNAPSHOT_TAG] ?? volume.SnapshotId ?? '',
        availabilityZone: volume.AvailabilityZone ?? '',
        state: volume.State ?? 'unknown',
        ...(volume.Attachments?.[0]?.InstanceId ? { attachedTo: volume.Attachments[0].InstanceId } : {}),
      }),
    ),
  };
}

async function readSnapshots(ec2: EC2Client, caseId: string): Promise<EvidenceSnapshot[]> {
  const found: EvidenceSnapshot[] = [];
  for await (const page of paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'], Filters: [{ Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [caseId] }] })) {
    for (const snapshot of page.Snapshots ?? []) {
      const source = tagMap(snapshot.Tags)['pyjamas:source-instance'];
      found.push({
        snapshotId: snapshot.SnapshotId ?? '',
        volumeId: snapshot.VolumeId ?? '',
        state: snapshot.State ?? 'unknown',
        sizeGiB: snapshot.VolumeSize ?? 0,
        ...(source ? { sourceInstanceId: source } : {}),
      });
    }
  }
  return found.sort((a, b) => a.snapshotId.localeCompare(b.snapshotId));
}

/**
 * Reads the case's instances, the isolation and forensic groups of their VPCs, and the rules
 * of the case's memory path.
 */
export async function describeMemoryPath(aws: AwsClients, request: { readonly region: string; readonly caseId: string }): Promise<MemoryPathDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const [reservations, groups, rules] = await Promise.all([
    ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [request.caseId] },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
        ],
      }),
    ),
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: `tag:${PLUMBING_TAG_KEY}`, Values: [PLUMBING_COMPONENTS.isolationSecurityGroup, PLUMBING_COMPONENTS.forensicSecurityGroup] }] })),
    ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [request.caseId] }] })),
  ]);
  const instances = (reservations.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
  const heldGroups = new Set(instances.flatMap((instance) => (instance.NetworkInterfaces ?? []).flatMap((eni) => (eni.Groups ?? []).map((group) => group.GroupId ?? ''))));
  const component = (group: { Tags?: Tag[] }) => tagMap(group.Tags)[PLUMBING_TAG_KEY];
  const isolation = (groups.SecurityGroups ?? []).filter((group) => component(group) === PLUMBING_COMPONENTS.isolationSecurityGroup && heldGroups.has(group.GroupId ?? ''));
  const ends = isolation.map((group): PathEnds => {
    const forensic = (groups.SecurityGroups ?? []).find((candidate) => component(candidate) === PLUMBING_COMPONENTS.forensicSecurityGroup && candidate.VpcId === group.VpcId);
    return { vpcId: group.VpcId ?? '', isolationGroupId: group.GroupId ?? '', ...(forensic?.GroupId ? { forensicGroupId: forensic.GroupId } : {}) };
  });
  return {
    caseId: request.caseId,
    region: request.region,
    account: reservations.Reservations?.[0]?.OwnerId ?? 'unknown',
    instanceIds: instances.map((instance) => instance.InstanceId ?? ''),
    ends,
    rules: (rules.SecurityGroupRules ?? []).map((rule) => {
      const expiresAt = tagMap(rule.Tags)[EXPIRES_AT_TAG];
      return { ruleId: rule.SecurityGroupRuleId ?? '', groupId: rule.GroupId ?? '', egress: rule.IsEgress ?? false, ...(expiresAt ? { expiresAt } : {}) };
    }),
  };
}
