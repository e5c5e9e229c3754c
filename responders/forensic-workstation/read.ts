import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  EC2Client,
  paginateDescribeSnapshots,
  type Instance,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { allSettledOrFirstError } from '../../lib/concurrency';
import type { AwsClients } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { tagRecord } from '../../lib/aws/tags';
import { UsageError } from '../../lib/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY, RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type {
  AttachDescription,
  CaseWorkstation,
  EvidenceSnapshot,
  LaunchDescription,
  MemoryPathDescription,
  WorkingCopy,
  WorkstationTemplate,
} from './description';
import { memoryPathGroupName } from './memory-path-steps';
import { EXPIRES_AT_TAG, FORENSIC_CASE_TAG, SOURCE_SNAPSHOT_TAG } from './steps';

/** States of a workstation that still exists, as opposed to shutting-down or terminated. */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/**
 * Reads the workstation, the case's snapshots and earlier working copies, in parallel. Without
 * a workstation id, the case's own workstation (from `forensics launch-workstation`) is used.
 *
 * @throws UsageError when the workstation does not exist or is itself part of a case
 */
export async function describeAttach(
  aws: AwsClients,
  request: { readonly region: string; readonly caseId: string; readonly workstationId?: string },
): Promise<AttachDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const [reservations, snapshots, copies] = await allSettledOrFirstError([
    request.workstationId === undefined
      ? ec2.send(
          new DescribeInstancesCommand({
            Filters: [
              ...caseWorkstationFilters(request.caseId),
              { Name: 'instance-state-name', Values: LIVE_STATES },
            ],
          }),
        )
      : ec2
          .send(new DescribeInstancesCommand({ InstanceIds: [request.workstationId] }))
          .catch((error: unknown) => {
            if (awsErrorName(error) === 'InvalidInstanceID.NotFound')
              throw new UsageError(
                `workstation ${request.workstationId} does not exist in ${request.region}`,
                { cause: error },
              );
            throw error;
          }),
    readSnapshots(ec2, request.caseId),
    ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: `tag:${FORENSIC_CASE_TAG}`, Values: [request.caseId] }],
      }),
    ),
  ]);
  const found = (reservations.Reservations ?? []).flatMap((reservation) =>
    (reservation.Instances ?? []).map((instance) => ({ instance, owner: reservation.OwnerId })),
  );
  if (request.workstationId === undefined && found.length !== 1) {
    throw new UsageError(
      found.length === 0
        ? `case ${request.caseId} has no workstation in ${request.region}: run pyjamas forensics launch-workstation --case ${request.caseId}, or name one with --workstation`
        : `case ${request.caseId} has ${found.length} workstations (${found.map(({ instance }) => instance.InstanceId).join(', ')}): name one with --workstation`,
    );
  }
  const instance = found[0]?.instance;
  if (!instance)
    throw new UsageError(
      `workstation ${request.workstationId} does not exist in ${request.region}`,
    );
  const workstationId = instance.InstanceId ?? '';
  const quarantined = tagRecord(instance.Tags)[RESPONSE_TAGS.caseId];
  if (quarantined)
    throw new UsageError(
      `${workstationId} is itself under case ${quarantined}: choose the forensic workstation, not an isolated instance`,
    );
  return {
    caseId: request.caseId,
    region: request.region,
    account: found[0]?.owner ?? 'unknown',
    workstationId,
    workstationState: instance.State?.Name ?? 'unknown',
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    usedDevices: (instance.BlockDeviceMappings ?? [])
      .map((mapping) => mapping.DeviceName ?? '')
      .filter(Boolean),
    snapshots,
    copies: (copies.Volumes ?? []).map((volume): WorkingCopy => ({
      volumeId: volume.VolumeId ?? '',
      snapshotId: tagRecord(volume.Tags)[SOURCE_SNAPSHOT_TAG] ?? volume.SnapshotId ?? '',
      availabilityZone: volume.AvailabilityZone ?? '',
      state: volume.State ?? 'unknown',
      ...(volume.Attachments?.[0]?.InstanceId
        ? { attachedTo: volume.Attachments[0].InstanceId }
        : {}),
    })),
  };
}

async function readSnapshots(ec2: EC2Client, caseId: string): Promise<EvidenceSnapshot[]> {
  const found: EvidenceSnapshot[] = [];
  for await (const page of paginateDescribeSnapshots(
    { client: ec2 },
    { OwnerIds: ['self'], Filters: [{ Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [caseId] }] },
  )) {
    for (const snapshot of page.Snapshots ?? []) {
      const source = tagRecord(snapshot.Tags)[RESPONSE_TAGS.sourceInstance];
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
 * Reads the case's instances and their interfaces, the forensic groups, the case's own path
 * groups and the case's rules on the forensic groups.
 */
export async function describeMemoryPath(
  aws: AwsClients,
  request: { readonly region: string; readonly caseId: string },
): Promise<MemoryPathDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const [reservations, forensic, caseGroups, rules] = await allSettledOrFirstError([
    ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [request.caseId] },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
        ],
      }),
    ),
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: `tag:${PLUMBING_TAG_KEY}`, Values: [PLUMBING_COMPONENTS.forensicSecurityGroup] },
        ],
      }),
    ),
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [request.caseId] },
          { Name: 'group-name', Values: [memoryPathGroupName(request.caseId)] },
        ],
      }),
    ),
    ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [request.caseId] }],
      }),
    ),
  ]);
  const instances = (reservations.Reservations ?? []).flatMap(
    (reservation) => reservation.Instances ?? [],
  );
  const forensicIds = new Set((forensic.SecurityGroups ?? []).map((group) => group.GroupId));
  return {
    caseId: request.caseId,
    region: request.region,
    account: reservations.Reservations?.[0]?.OwnerId ?? 'unknown',
    instanceIds: instances.map((instance) => instance.InstanceId ?? ''),
    interfaces: instances.flatMap((instance) =>
      (instance.NetworkInterfaces ?? []).map((eni) => ({
        networkInterfaceId: eni.NetworkInterfaceId ?? '',
        instanceId: instance.InstanceId ?? '',
        vpcId: eni.VpcId ?? instance.VpcId ?? '',
        groupIds: (eni.Groups ?? []).map((group) => group.GroupId ?? ''),
      })),
    ),
    forensicGroups: Object.fromEntries(
      (forensic.SecurityGroups ?? []).map((group) => [group.VpcId ?? '', group.GroupId ?? '']),
    ),
    caseGroups: (caseGroups.SecurityGroups ?? []).map((group) => {
      const expiresAt = tagRecord(group.Tags)[EXPIRES_AT_TAG];
      return {
        groupId: group.GroupId ?? '',
        vpcId: group.VpcId ?? '',
        ...(expiresAt ? { expiresAt } : {}),
        ingressFrom: (group.IpPermissions ?? []).flatMap((permission) =>
          (permission.UserIdGroupPairs ?? []).map((pair) => pair.GroupId ?? ''),
        ),
      };
    }),
    // Only the rules on the forensic groups: the case group's own rules go with the group.
    rules: (rules.SecurityGroupRules ?? [])
      .filter((rule) => forensicIds.has(rule.GroupId))
      .map((rule) => {
        const expiresAt = tagRecord(rule.Tags)[EXPIRES_AT_TAG];
        return {
          ruleId: rule.SecurityGroupRuleId ?? '',
          groupId: rule.GroupId ?? '',
          egress: rule.IsEgress ?? false,
          ...(expiresAt ? { expiresAt } : {}),
        };
      }),
  };
}

/** Filters that find the workstations launched for a case. */
function caseWorkstationFilters(caseId: string): { Name: string; Values: string[] }[] {
  return [
    { Name: `tag:${FORENSIC_CASE_TAG}`, Values: [caseId] },
    { Name: `tag:${PLUMBING_TAG_KEY}`, Values: [PLUMBING_COMPONENTS.forensicWorkstation] },
  ];
}

function caseWorkstation(instance: Instance): CaseWorkstation {
  const launchTemplateId = tagRecord(instance.Tags)['aws:ec2launchtemplate:id'];
  const primary = instance.NetworkInterfaces?.find(
    (nic) => (nic.Attachment?.DeviceIndex ?? 0) === 0,
  );
  return {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    ...(launchTemplateId ? { launchTemplateId } : {}),
    ...(instance.PublicIpAddress ? { publicIpAddress: instance.PublicIpAddress } : {}),
    // The primary interface's groups: moto lists groups given per interface only there.
    groupIds: (primary?.Groups ?? instance.SecurityGroups ?? []).map(
      (group) => group.GroupId ?? '',
    ),
  };
}

/** The template tagged as the forensic workstation's, or the one named. */
async function readTemplate(
  ec2: EC2Client,
  region: string,
  launchTemplateId: string | undefined,
): Promise<WorkstationTemplate> {
  const templates = await ec2
    .send(
      new DescribeLaunchTemplatesCommand(
        launchTemplateId
          ? { LaunchTemplateIds: [launchTemplateId] }
          : {
              Filters: [
                {
                  Name: `tag:${PLUMBING_TAG_KEY}`,
                  Values: [PLUMBING_COMPONENTS.forensicWorkstationTemplate],
                },
              ],
            },
      ),
    )
    .catch((error: unknown) => {
      if (awsErrorName(error).startsWith('InvalidLaunchTemplateId'))
        throw new UsageError(`launch template ${launchTemplateId} does not exist in ${region}`, {
          cause: error,
        });
      throw error;
    });
  const found = templates.LaunchTemplates ?? [];
  if (found.length !== 1) {
    throw new UsageError(
      found.length === 0
        ? `no launch template tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.forensicWorkstationTemplate} in ${region}: deploy the module's ForensicWorkstationTemplate there, or name one with --launch-template`
        : `${found.length} launch templates are tagged as the forensic workstation's in ${region} (${found.map((template) => template.LaunchTemplateId).join(', ')}): name one with --launch-template`,
    );
  }
  const template = found[0] as {
    LaunchTemplateId?: string;
    LaunchTemplateName?: string;
    DefaultVersionNumber?: number;
  };
  const version = template.DefaultVersionNumber ?? 1;
  const versions = await ec2.send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: template.LaunchTemplateId,
      Versions: [String(version)],
    }),
  );
  const data = versions.LaunchTemplateVersions?.[0]?.LaunchTemplateData ?? {};
  const primary = (data.NetworkInterfaces ?? []).find((nic) => (nic.DeviceIndex ?? 0) === 0);
  return {
    id: template.LaunchTemplateId ?? '',
    name: template.LaunchTemplateName ?? '',
    version,
    imageId: data.ImageId ?? '',
    ...(data.InstanceType ? { instanceType: data.InstanceType } : {}),
    ...(primary?.SubnetId ? { subnetId: primary.SubnetId } : {}),
    groupIds: primary?.Groups ?? data.SecurityGroupIds ?? [],
  };
}

/** Whether the SSM parameter behind `resolve:ssm:<name>` exists, i.e. a forensic AMI has been built. */
async function readAmiParameter(
  aws: AwsClients,
  region: string,
  imageId: string,
): Promise<LaunchDescription['amiParameter']> {
  if (!imageId.startsWith('resolve:ssm:')) return undefined;
  const name = imageId.slice('resolve:ssm:'.length);
  try {
    await aws.get(SSMClient, region).send(new GetParameterCommand({ Name: name }));
    return { name, found: true };
  } catch (error) {
    if (awsErrorName(error) === 'ParameterNotFound') return { name, found: false };
    throw error;
  }
}

/**
 * Reads the workstation template (by tag, or the one named), the subnet the workstation would
 * land in, the VPC of the template's groups, the AMI parameter, and every workstation of the case.
 *
 * @throws UsageError when the template or the subnet cannot be found
 */
export async function describeLaunch(
  aws: AwsClients,
  request: {
    readonly region: string;
    readonly caseId: string;
    readonly subnetId?: string;
    readonly launchTemplateId?: string;
  },
): Promise<LaunchDescription> {
  const ec2 = aws.get(EC2Client, request.region);
  const [template, instances] = await allSettledOrFirstError([
    readTemplate(ec2, request.region, request.launchTemplateId),
    ec2.send(new DescribeInstancesCommand({ Filters: caseWorkstationFilters(request.caseId) })),
  ]);
  const subnetId = request.subnetId ?? template.subnetId;
  if (!subnetId)
    throw new UsageError(`launch template ${template.id} names no subnet: pass --subnet`);
  const [subnets, groups, amiParameter] = await allSettledOrFirstError([
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })).catch((error: unknown) => {
      if (awsErrorName(error) === 'InvalidSubnetID.NotFound')
        throw new UsageError(`subnet ${subnetId} does not exist in ${request.region}`, {
          cause: error,
        });
      throw error;
    }),
    template.groupIds.length > 0
      ? ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...template.groupIds] }))
      : undefined,
    readAmiParameter(aws, request.region, template.imageId),
  ]);
  const subnet = subnets.Subnets?.[0];
  const groupsVpcId = groups?.SecurityGroups?.[0]?.VpcId;
  return {
    caseId: request.caseId,
    region: request.region,
    account: subnet?.OwnerId ?? 'unknown',
    template,
    subnet: {
      subnetId,
      vpcId: subnet?.VpcId ?? '',
      availabilityZone: subnet?.AvailabilityZone ?? '',
    },
    ...(groupsVpcId ? { groupsVpcId } : {}),
    ...(amiParameter ? { amiParameter } : {}),
    workstations: (instances.Reservations ?? [])
      .flatMap((reservation) => reservation.Instances ?? [])
      .map(caseWorkstation),
  };
}
