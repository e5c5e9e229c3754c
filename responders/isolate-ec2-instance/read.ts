import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeAddressesCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetConsoleOutputCommand,
  DescribeLockedSnapshotsCommand,
  paginateDescribeSnapshots,
  type DescribeSnapshotsCommandInput,
  type Instance,
  type IpPermission,
  type NetworkInterface,
  type SecurityGroup,
  type Volume,
} from '@aws-sdk/client-ec2';
import {
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeInstanceInformationCommand,
  ListCommandsCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { allSettledOrFirstError } from '../../lib/concurrency';
import type { AwsClients } from '../../lib/aws/clients';
import { globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { awsErrorName } from '../../lib/aws/errors';
import { tagRecord } from '../../lib/aws/tags';
import { UsageError } from '../../lib/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY, RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type {
  AutoScalingMembership,
  CaptureTool,
  CaseSnapshot,
  GroupDescription,
  InstanceDescription,
  MemoryScratchVolume,
  NetworkInterfaceDescription,
  ProfileDescription,
  SsmDescription,
  SubnetAcl,
  TargetGroupMembership,
  VolumeDescription,
  VpcGroups,
} from './description';
import {
  NO_RECORDS,
  mergeMade,
  readInstanceRecords,
  UNSEALED_START_WINDOW_MS,
  type InstanceRecords,
  type InterruptedRun,
  type MadeForInstance,
} from './case-records';
import { MEMORY_SCRATCH_TAG, memoryCaptureComment } from './memory-steps';
import { REVOKE_SESSIONS_POLICY } from './steps';
import { storedKey, type EvidenceStore, type S3EvidenceStore } from '../core/evidence';
import { RESPONDER } from './plan';

/** An EC2 instance id: `i-` and 8 or 17 hex digits. */
export const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** A security group id. */
export const GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** The default name of the quarantine instance profile the module deploys. */
export const DEFAULT_QUARANTINE_PROFILE = 'pyjamas-quarantine';

/**
 * Checks an instance id before any AWS call.
 *
 * @throws UsageError naming the expected form
 */
export function validateInstanceId(instanceId: unknown): string {
  if (typeof instanceId !== 'string' || !INSTANCE_ID.test(instanceId)) {
    throw new UsageError(
      `${JSON.stringify(instanceId ?? '')} is not an EC2 instance id (i- followed by 8 or 17 hexadecimal digits, e.g. i-0123456789abcdef0)`,
    );
  }
  return instanceId;
}

/** What to read, beyond the instance itself. */
export interface ReadRequest {
  readonly instanceId: string;
  readonly region: string;
  readonly caseId: string;
  /** @default {@link DEFAULT_QUARANTINE_PROFILE} */
  readonly quarantineProfileName?: string;
  /** Groups named by the operator; they replace the tagged groups in their VPC. */
  readonly isolationGroupId?: string;
  readonly untrackGroupId?: string;
  readonly memoryCaptureGroupId?: string;
  readonly revokeRoleSessions?: boolean;
  readonly lockSnapshots?: boolean;
  readonly naclHardCut?: boolean;
  /** Stopping needs to know whether a memory capture of the case still holds its scratch volume. */
  readonly stop?: boolean;
  /**
   * The evidence bucket a memory capture fetches its tool from (`tools/avml`) and writes to. Its
   * name, region, owner (sent as ExpectedBucketOwner) and key mapping (`cases/<account>/…` in a
   * member account) are the store's own.
   */
  readonly memoryCapture?: S3EvidenceStore;
  /**
   * Where the case's records are (the evidence bucket, the local case folder): only what their
   * manifests name is reused.
   *
   * @default - none: nothing made before is reused
   */
  readonly records?: readonly EvidenceStore[];
  /** What the run being verified made, trusted like the records (its own record is not filed yet). */
  readonly madeByThisRun?: MadeForInstance;
  /**
   * The read checks an isolation: what no check looks at (the console output and user data,
   * which the pre-state keeps as evidence; snapshots that only a tag ties to the case; the roles
   * of the current profile) is not read, so that many verifications at once cost fewer calls.
   *
   * @default false
   */
  readonly forVerification?: boolean;
}

/** Key of the AVML binary in the evidence bucket. */
export const CAPTURE_TOOL_KEY = 'tools/avml';

async function optional<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch {
    return undefined;
  }
}

/**
 * Reads everything the plan needs with as few sequential round trips as possible: one wave of
 * parallel calls keyed by the instance id, the case and the plumbing tags, then a second wave
 * only for what depends on the first (target health, the Auto Scaling group's sizes, the
 * current profile's role, network ACLs), and a third only to see existing revocations.
 *
 * @throws UsageError when the instance does not exist in the region, or a named group is not usable
 */
export async function describeInstance(
  aws: AwsClients,
  request: ReadRequest,
): Promise<InstanceDescription> {
  const { instanceId, region, caseId } = request;
  const ec2 = aws.get(EC2Client, region);
  const iam = aws.get(IAMClient, globalRegionOf(partitionOfRegion(region)));
  const byInstance = [{ Name: 'attachment.instance-id', Values: [instanceId] }];
  const quarantineName = request.quarantineProfileName ?? DEFAULT_QUARANTINE_PROFILE;
  const namedGroups = [
    request.isolationGroupId,
    request.untrackGroupId,
    request.memoryCaptureGroupId,
  ].filter((id): id is string => !!id);

  const [
    instance,
    termination,
    shutdown,
    userData,
    console,
    interfaces,
    attachedVolumes,
    recorded,
    taggedSnapshots,
    associations,
    addresses,
    taggedGroups,
    named,
    autoScaling,
    targetGroups,
    classic,
    quarantine,
    lockedSnapshotIds,
    ssm,
    captureTool,
    scratchVolumes,
  ] = await allSettledOrFirstError([
    readInstance(ec2, instanceId, region),
    optional(
      ec2.send(
        new DescribeInstanceAttributeCommand({
          InstanceId: instanceId,
          Attribute: 'disableApiTermination',
        }),
      ),
    ),
    optional(
      ec2.send(
        new DescribeInstanceAttributeCommand({
          InstanceId: instanceId,
          Attribute: 'instanceInitiatedShutdownBehavior',
        }),
      ),
    ),
    request.forVerification
      ? Promise.resolve(undefined)
      : optional(
          ec2.send(
            new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
          ),
        ),
    request.forVerification
      ? Promise.resolve(undefined)
      : optional(ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId }))),
    ec2.send(new DescribeNetworkInterfacesCommand({ Filters: byInstance })),
    ec2.send(new DescribeVolumesCommand({ Filters: byInstance })),
    readRecorded(ec2, request),
    request.forVerification
      ? Promise.resolve<Awaited<ReturnType<typeof readCaseSnapshots>>>([])
      : readCaseSnapshots(ec2, caseId),
    ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [instanceId] }],
      }),
    ),
    ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }),
    ),
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          {
            Name: `tag:${PLUMBING_TAG_KEY}`,
            Values: [
              PLUMBING_COMPONENTS.isolationSecurityGroup,
              PLUMBING_COMPONENTS.untrackSecurityGroup,
              PLUMBING_COMPONENTS.memoryCaptureSecurityGroup,
            ],
          },
        ],
      }),
    ),
    namedGroups.length > 0 ? readNamedGroups(ec2, namedGroups) : Promise.resolve([]),
    aws
      .get(AutoScalingClient, region)
      .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] })),
    readTargetGroups(aws, region),
    readClassicLoadBalancers(aws, region, instanceId),
    readQuarantineProfile(iam, quarantineName, request.quarantineProfileName !== undefined),
    request.lockSnapshots ? readLockedSnapshots(ec2) : Promise.resolve([]),
    request.memoryCapture ? readSsm(aws, region, instanceId, caseId) : Promise.resolve(undefined),
    request.memoryCapture
      ? readCaptureTool(aws, request.memoryCapture, caseId, instanceId)
      : Promise.resolve(undefined),
    request.memoryCapture || request.stop
      ? readScratchVolumes(ec2, caseId, instanceId)
      : Promise.resolve([]),
  ]);
  const memorySizeMiB =
    request.memoryCapture && instance.InstanceType
      ? await readMemorySize(ec2, instance.InstanceType)
      : undefined;
  const trusted = recorded.made;
  // A scratch volume is trusted only when a run of the case made it: a suspect disk tagged as
  // scratch would otherwise be formatted by the capture and left out of the snapshots.
  const trustedScratch = scratchVolumes.filter((volume) =>
    trusted.scratchVolumeIds.includes(volume.volumeId),
  );
  const scratchIds = new Set(trustedScratch.map((volume) => volume.volumeId));

  const state = instance.State?.Name ?? 'terminated';
  const eniDescriptions = describeInterfaces(instance, interfaces.NetworkInterfaces ?? []);
  const vpcIds = [
    ...new Set(
      [instance.VpcId, ...eniDescriptions.map((eni) => eni.vpcId)].filter(
        (id): id is string => !!id,
      ),
    ),
  ];
  const groups = groupsByVpc(vpcIds, taggedGroups.SecurityGroups ?? [], named, request);
  const association = associations.IamInstanceProfileAssociations?.find(
    (candidate) => candidate.State === 'associated' || candidate.State === 'associating',
  );
  const currentProfileArn =
    association?.IamInstanceProfile?.Arn ?? instance.IamInstanceProfile?.Arn;
  const membershipName = autoScaling.AutoScalingInstances?.[0]?.AutoScalingGroupName;
  const vpcTargetGroups = targetGroups.filter(
    (group) => !group.VpcId || vpcIds.includes(group.VpcId),
  );

  const [membership, registrations, currentProfile, subnetAcls] = await allSettledOrFirstError([
    membershipName
      ? readAutoScalingGroup(
          aws,
          region,
          membershipName,
          autoScaling.AutoScalingInstances?.[0]?.LifecycleState ?? 'InService',
        )
      : Promise.resolve(undefined),
    readRegistrations(aws, region, vpcTargetGroups, instanceId, eniDescriptions),
    // The roles are read whatever the options: the default revocation of this instance's
    // sessions needs their ids.
    currentProfileArn && currentProfileArn !== quarantine?.arn && !request.forVerification
      ? readProfile(iam, profileNameOf(currentProfileArn))
      : Promise.resolve(undefined),
    request.naclHardCut ? readSubnetAcls(ec2, eniDescriptions) : Promise.resolve([]),
  ]);
  // Earlier AWSRevokeOlderSessions matter only when this run revokes every session of the role.
  const revokedRoles =
    currentProfile && request.revokeRoleSessions
      ? await readRevocations(iam, currentProfile.roleNames, REVOKE_SESSIONS_POLICY)
      : {};

  // The scratch volume of a capture is attached to the instance, but it is no evidence.
  const attached = attachedVolumeDescriptions(instance, attachedVolumes.Volumes ?? []).filter(
    (volume) => !scratchIds.has(volume.volumeId),
  );
  // Volumes that outlived the instance are found through the case's records of it, not through
  // the case tag, which every instance of the case (and anyone with ec2:CreateTags) carries.
  const survivors = recorded.volumes
    .filter((volume) => !attached.some((known) => known.volumeId === volume.VolumeId))
    .filter((volume) => volume.State !== 'deleting' && volume.State !== 'deleted')
    .map((volume): VolumeDescription => ({
      volumeId: volume.VolumeId ?? '',
      boot: false,
      state: volume.State ?? 'unknown',
      tags: tagRecord(volume.Tags),
    }));
  const volumeIds = new Set([...attached, ...survivors].map((volume) => volume.volumeId));
  const trustedIds = new Set(trusted.snapshots.map((snapshot) => snapshot.snapshotId));
  const untrusted = taggedSnapshots.filter(
    (snapshot) => volumeIds.has(snapshot.volumeId) && !trustedIds.has(snapshot.snapshotId),
  );
  const adopted = untrusted.flatMap((snapshot) => {
    const run = interruptedRunOf(snapshot, recorded.interrupted, instanceId);
    return run ? [{ ...snapshot, runId: run.runId }] : [];
  });
  const unrecordedSnapshots = untrusted.filter(
    (snapshot) => !adopted.some((known) => known.snapshotId === snapshot.snapshotId),
  );
  const unrecordedScratch = scratchVolumes
    .filter((volume) => !scratchIds.has(volume.volumeId))
    .map((volume) => volume.volumeId);
  const unrecordedCaptures = (ssm?.captureCommandIds ?? []).filter(
    (id) => !trusted.captureCommandIds.includes(id),
  );
  const consoleText = console?.Output
    ? Buffer.from(console.Output, 'base64').toString('utf8')
    : undefined;

  return {
    instanceId,
    region,
    account: instance.accountFromReservation,
    arn: `arn:${partitionOfRegion(region)}:ec2:${region}:${instance.accountFromReservation}:instance/${instanceId}`,
    caseId,
    state,
    spot: instance.InstanceLifecycle === 'spot',
    platform: instance.PlatformDetails ?? instance.Platform ?? 'Linux/UNIX',
    ...(instance.InstanceType ? { instanceType: instance.InstanceType } : {}),
    ...(instance.RootDeviceType ? { rootDeviceType: instance.RootDeviceType } : {}),
    ...(instance.Placement?.AvailabilityZone
      ? { availabilityZone: instance.Placement.AvailabilityZone }
      : {}),
    ...(instance.VpcId ? { vpcId: instance.VpcId } : {}),
    ...(instance.LaunchTime ? { launchTime: instance.LaunchTime.toISOString() } : {}),
    tags: tagRecord(instance.Tags),
    ...(termination?.DisableApiTermination?.Value !== undefined
      ? { disableApiTermination: termination.DisableApiTermination.Value }
      : {}),
    ...(shutdown?.InstanceInitiatedShutdownBehavior?.Value
      ? { shutdownBehaviour: shutdown.InstanceInitiatedShutdownBehavior.Value }
      : {}),
    volumes: [...attached, ...survivors],
    networkInterfaces: eniDescriptions,
    ...(membership ? { autoScaling: membership } : {}),
    targetGroups: registrations,
    classicLoadBalancers: classic,
    addresses: (addresses.Addresses ?? []).map((address) => ({
      publicIp: address.PublicIp ?? '',
      ...(address.AllocationId ? { allocationId: address.AllocationId } : {}),
      ...(address.AssociationId ? { associationId: address.AssociationId } : {}),
      ...(address.NetworkInterfaceId ? { networkInterfaceId: address.NetworkInterfaceId } : {}),
    })),
    ...(currentProfileArn
      ? {
          profile: {
            arn: currentProfileArn,
            name: profileNameOf(currentProfileArn),
            roleNames: currentProfile?.roleNames ?? [],
            ...(currentProfile ? { roleIds: currentProfile.roleIds } : {}),
            ...(association?.AssociationId ? { associationId: association.AssociationId } : {}),
          },
        }
      : {}),
    ...(quarantine ? { quarantineProfile: quarantine } : {}),
    revokedRoles,
    groups,
    caseSnapshots: [
      ...recorded.snapshots.filter((snapshot) => volumeIds.has(snapshot.volumeId)),
      ...adopted.map(({ snapshotId, volumeId, state }) => ({ snapshotId, volumeId, state })),
    ],
    ...(adopted.length > 0 ? { adoptedSnapshots: adopted } : {}),
    ...(unrecordedSnapshots.length + unrecordedScratch.length + unrecordedCaptures.length > 0
      ? {
          unrecorded: {
            snapshots: unrecordedSnapshots,
            scratchVolumeIds: unrecordedScratch,
            captureCommandIds: unrecordedCaptures,
          },
        }
      : {}),
    ...(recorded.problems.length > 0 ? { recordProblems: recorded.problems } : {}),
    lockedSnapshotIds,
    subnetAcls,
    ...(ssm
      ? {
          ssm: {
            ...ssm,
            captureCommandIds: ssm.captureCommandIds.filter((id) =>
              trusted.captureCommandIds.includes(id),
            ),
          },
        }
      : {}),
    ...(captureTool ? { captureTool } : {}),
    ...(memorySizeMiB !== undefined ? { memorySizeMiB } : {}),
    ...(trustedScratch[0] ? { memoryScratch: trustedScratch[0] } : {}),
    ...(consoleText ? { consoleOutput: consoleText } : {}),
    ...(userData?.UserData?.Value ? { userData: userData.UserData.Value } : {}),
  };
}

/**
 * The value of the instance's `pyjamas:quarantine` tag, the case a person asked it to be isolated
 * under, or undefined when it has no such tag.
 *
 * @throws UsageError when the instance does not exist in the region
 */
export async function readQuarantineRequest(
  aws: AwsClients,
  region: string,
  instanceId: string,
): Promise<string | undefined> {
  const instance = await readInstance(aws.get(EC2Client, region), instanceId, region);
  return instance.Tags?.find((tag) => tag.Key === RESPONSE_TAGS.quarantine)?.Value;
}

async function readInstance(
  ec2: EC2Client,
  instanceId: string,
  region: string,
): Promise<Instance & { accountFromReservation: string }> {
  try {
    const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const reservation = answer.Reservations?.[0];
    const instance = reservation?.Instances?.[0];
    if (!instance) throw new UsageError(`instance ${instanceId} does not exist in ${region}`);
    return { ...instance, accountFromReservation: reservation?.OwnerId ?? 'unknown' };
  } catch (error) {
    if (
      awsErrorName(error) === 'InvalidInstanceID.NotFound' ||
      awsErrorName(error) === 'InvalidInstanceID.Malformed'
    ) {
      throw new UsageError(
        `instance ${instanceId} does not exist in ${region} (check --region and the account)`,
        { cause: error },
      );
    }
    throw error;
  }
}

function describeInterfaces(
  instance: Instance,
  interfaces: readonly NetworkInterface[],
): NetworkInterfaceDescription[] {
  // DescribeNetworkInterfaces adds RequesterManaged and tags; the instance's own list is the fallback.
  const listed = interfaces.length > 0 ? interfaces : (instance.NetworkInterfaces ?? []);
  return listed
    .map((eni) => ({
      networkInterfaceId: eni.NetworkInterfaceId ?? '',
      vpcId: eni.VpcId ?? instance.VpcId ?? '',
      subnetId: eni.SubnetId ?? '',
      groupIds: (eni.Groups ?? []).map((group) => group.GroupId ?? ''),
      requesterManaged: 'RequesterManaged' in eni ? eni.RequesterManaged === true : false,
      privateIpAddresses: (eni.PrivateIpAddresses ?? [])
        .map((address) => address.PrivateIpAddress ?? '')
        .filter(Boolean),
      ipv6Addresses: (eni.Ipv6Addresses ?? [])
        .map((address) => address.Ipv6Address ?? '')
        .filter(Boolean),
      ...(eni.Association?.PublicIp ? { publicIp: eni.Association.PublicIp } : {}),
      tags: tagRecord('TagSet' in eni ? eni.TagSet : undefined),
      deviceIndex: eni.Attachment?.DeviceIndex ?? 0,
    }))
    .sort((a, b) => a.deviceIndex - b.deviceIndex)
    .map(({ deviceIndex: _deviceIndex, ...eni }) => eni);
}

function attachedVolumeDescriptions(
  instance: Instance,
  volumes: readonly Volume[],
): VolumeDescription[] {
  const byId = new Map(volumes.map((volume) => [volume.VolumeId, volume]));
  return (instance.BlockDeviceMappings ?? [])
    .filter((mapping) => mapping.Ebs?.VolumeId)
    .map((mapping) => {
      const volume = byId.get(mapping.Ebs?.VolumeId);
      return {
        volumeId: mapping.Ebs?.VolumeId as string,
        boot: mapping.DeviceName === instance.RootDeviceName,
        ...(mapping.DeviceName ? { deviceName: mapping.DeviceName } : {}),
        ...(mapping.Ebs?.DeleteOnTermination !== undefined
          ? { deleteOnTermination: mapping.Ebs.DeleteOnTermination }
          : {}),
        state: volume?.State ?? 'in-use',
        tags: tagRecord(volume?.Tags),
      };
    });
}

async function readNamedGroups(
  ec2: EC2Client,
  groupIds: readonly string[],
): Promise<SecurityGroup[]> {
  try {
    return (
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...groupIds] })))
        .SecurityGroups ?? []
    );
  } catch (error) {
    if (
      awsErrorName(error) === 'InvalidGroup.NotFound' ||
      awsErrorName(error) === 'InvalidGroupId.Malformed'
    ) {
      throw new UsageError(
        `a security group named on the command line does not exist: ${groupIds.join(', ')}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function describeGroup(group: SecurityGroup): GroupDescription {
  const everywhere = (permission: IpPermission) =>
    permission.IpProtocol === '-1' &&
    (permission.IpRanges ?? []).some((range) => range.CidrIp === '0.0.0.0/0') &&
    (permission.Ipv6Ranges ?? []).some((range) => range.CidrIpv6 === '::/0');
  const count = (permissions: readonly IpPermission[] | undefined) =>
    (permissions ?? []).reduce(
      (sum, p) =>
        sum +
        Math.max(
          1,
          (p.IpRanges?.length ?? 0) +
            (p.Ipv6Ranges?.length ?? 0) +
            (p.UserIdGroupPairs?.length ?? 0) +
            (p.PrefixListIds?.length ?? 0),
        ),
      0,
    );
  return {
    groupId: group.GroupId ?? '',
    groupName: group.GroupName ?? '',
    vpcId: group.VpcId ?? '',
    ingressRules: count(group.IpPermissions),
    egressRules: count(group.IpPermissionsEgress),
    allowsAllTraffic:
      (group.IpPermissions ?? []).some(everywhere) &&
      (group.IpPermissionsEgress ?? []).some(everywhere),
  };
}

function groupsByVpc(
  vpcIds: readonly string[],
  tagged: readonly SecurityGroup[],
  named: readonly SecurityGroup[],
  request: ReadRequest,
): Record<string, VpcGroups> {
  const roles = [
    [
      'isolation',
      PLUMBING_COMPONENTS.isolationSecurityGroup,
      request.isolationGroupId,
      '--isolation-group',
    ],
    [
      'untrack',
      PLUMBING_COMPONENTS.untrackSecurityGroup,
      request.untrackGroupId,
      '--untrack-group',
    ],
    [
      'memoryCapture',
      PLUMBING_COMPONENTS.memoryCaptureSecurityGroup,
      request.memoryCaptureGroupId,
      '--memory-capture-group',
    ],
  ] as const;
  for (const [, , id, flag] of roles) {
    const group = named.find((candidate) => candidate.GroupId === id);
    if (id && (!group || !vpcIds.includes(group.VpcId ?? ''))) {
      throw new UsageError(
        `${flag} ${id} is not a security group in the instance's VPC (${vpcIds.join(', ')})`,
      );
    }
  }
  const result: Record<string, VpcGroups> = {};
  for (const vpcId of vpcIds) {
    const entry: { -readonly [K in keyof VpcGroups]: VpcGroups[K] } = {};
    for (const [role, component, id, flag] of roles) {
      const chosen = named.find((group) => group.GroupId === id && group.VpcId === vpcId);
      const candidates = chosen
        ? [chosen]
        : tagged.filter(
            (group) =>
              group.VpcId === vpcId && tagRecord(group.Tags)[PLUMBING_TAG_KEY] === component,
          );
      if (candidates.length > 1) {
        throw new UsageError(
          `several groups in ${vpcId} are tagged ${PLUMBING_TAG_KEY}=${component} (${candidates.map((g) => g.GroupId).join(', ')}); choose one with ${flag}`,
        );
      }
      if (candidates[0]) entry[role] = describeGroup(candidates[0]);
    }
    result[vpcId] = entry;
  }
  return result;
}

/**
 * The case's records of this instance (and what the run being verified made), with the
 * snapshots and volumes they name as EC2 shows them now: found by id (a filter, so that one that
 * is gone is simply missing), never by tag.
 */
async function readRecorded(
  ec2: EC2Client,
  request: ReadRequest,
): Promise<{
  readonly made: MadeForInstance;
  readonly problems: readonly string[];
  readonly interrupted: InstanceRecords['interrupted'];
  readonly snapshots: InstanceDescription['caseSnapshots'];
  readonly volumes: readonly Volume[];
}> {
  const records: InstanceRecords = request.records
    ? await readInstanceRecords(request.records, request.caseId, RESPONDER, request.instanceId)
    : NO_RECORDS;
  const made = request.madeByThisRun ? mergeMade(records, request.madeByThisRun) : records;
  const snapshotIds = [...new Set(made.snapshots.map((snapshot) => snapshot.snapshotId))];
  const [snapshots, volumes] = await allSettledOrFirstError([
    snapshotIds.length > 0 ? readSnapshots(ec2, snapshotIds) : Promise.resolve([]),
    records.volumeIds.length > 0 ? readVolumes(ec2, records.volumeIds) : Promise.resolve([]),
  ]);
  return { made, problems: records.problems, interrupted: records.interrupted, snapshots, volumes };
}

async function readVolumes(ec2: EC2Client, volumeIds: readonly string[]): Promise<Volume[]> {
  const answer = await ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [...volumeIds] }] }),
  );
  return answer.Volumes ?? [];
}

async function readSnapshots(
  ec2: EC2Client,
  snapshotIds: readonly string[],
): Promise<InstanceDescription['caseSnapshots']> {
  return snapshotPages(ec2, {
    OwnerIds: ['self'],
    Filters: [{ Name: 'snapshot-id', Values: [...snapshotIds] }],
  });
}

async function readCaseSnapshots(
  ec2: EC2Client,
  caseId: string,
): Promise<InstanceDescription['caseSnapshots']> {
  return snapshotPages(ec2, {
    OwnerIds: ['self'],
    Filters: [{ Name: `tag:${RESPONSE_TAGS.caseId}`, Values: [caseId] }],
  });
}

/** A snapshot as EC2 shows it, with what ties it to a run. */
interface FoundSnapshot extends CaseSnapshot {
  readonly startTime?: string;
  readonly sourceInstance?: string;
}

/**
 * The interrupted run a snapshot came from, if it can only have come from one: of a volume that
 * run's plan snapshots, taken after the run began, tagged for this instance. A run killed between
 * CreateSnapshots and its record leaves such snapshots; taking them again would double the
 * evidence. EC2 sets VolumeId and StartTime itself, so the tag alone decides nothing: at worst an
 * adopted snapshot is a genuine copy of the same disk, taken earlier than a new one would be.
 */
function interruptedRunOf(
  snapshot: FoundSnapshot,
  interrupted: InstanceRecords['interrupted'],
  instanceId: string,
): InterruptedRun | undefined {
  if (snapshot.sourceInstance !== instanceId || !snapshot.startTime) return undefined;
  const taken = Date.parse(snapshot.startTime);
  return interrupted.find((run) => {
    // Snapshot start times may carry whole seconds only (moto's do): the run's start second counts.
    const started = Math.floor(Date.parse(run.startedAt) / 1000) * 1000;
    return (
      run.snapshotVolumeIds.includes(snapshot.volumeId) &&
      taken >= started &&
      (run.sealed || taken <= started + UNSEALED_START_WINDOW_MS)
    );
  });
}

async function snapshotPages(
  ec2: EC2Client,
  input: DescribeSnapshotsCommandInput,
): Promise<FoundSnapshot[]> {
  const found: FoundSnapshot[] = [];
  const pages = paginateDescribeSnapshots({ client: ec2 }, input);
  for await (const page of pages) {
    for (const snapshot of page.Snapshots ?? []) {
      // A failed (error) snapshot is no evidence: the volume is snapshotted again.
      if (snapshot.State === 'error' || !snapshot.SnapshotId || !snapshot.VolumeId) continue;
      const sourceInstance = snapshot.Tags?.find(
        (tag) => tag.Key === RESPONSE_TAGS.sourceInstance,
      )?.Value;
      found.push({
        snapshotId: snapshot.SnapshotId,
        volumeId: snapshot.VolumeId,
        state: snapshot.State ?? 'unknown',
        ...(snapshot.StartTime ? { startTime: snapshot.StartTime.toISOString() } : {}),
        ...(sourceInstance ? { sourceInstance } : {}),
      });
    }
  }
  return found;
}

async function readLockedSnapshots(ec2: EC2Client): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeLockedSnapshotsCommand({ ...(NextToken ? { NextToken } : {}) }),
    );
    for (const snapshot of page.Snapshots ?? [])
      if (snapshot.SnapshotId && snapshot.LockState !== 'expired') ids.push(snapshot.SnapshotId);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

async function readTargetGroups(
  aws: AwsClients,
  region: string,
): Promise<{ TargetGroupArn: string; VpcId?: string; TargetType?: string }[]> {
  const groups: { TargetGroupArn: string; VpcId?: string; TargetType?: string }[] = [];
  for await (const page of paginateDescribeTargetGroups(
    { client: aws.get(ElasticLoadBalancingV2Client, region) },
    {},
  )) {
    for (const group of page.TargetGroups ?? []) {
      if (!group.TargetGroupArn || group.TargetType === 'lambda' || group.TargetType === 'alb')
        continue;
      groups.push({
        TargetGroupArn: group.TargetGroupArn,
        ...(group.VpcId ? { VpcId: group.VpcId } : {}),
        ...(group.TargetType ? { TargetType: group.TargetType } : {}),
      });
    }
  }
  return groups;
}

/** Registrations of the instance (or, in `ip` target groups, of its private addresses) that still take traffic. */
async function readRegistrations(
  aws: AwsClients,
  region: string,
  groups: readonly { TargetGroupArn: string; TargetType?: string }[],
  instanceId: string,
  interfaces: readonly NetworkInterfaceDescription[],
): Promise<TargetGroupMembership[]> {
  const addresses = new Set(
    interfaces.flatMap((eni) => [...eni.privateIpAddresses, ...eni.ipv6Addresses]),
  );
  const client = aws.get(ElasticLoadBalancingV2Client, region);
  const memberships = await Promise.all(
    groups.map(async (group): Promise<TargetGroupMembership | undefined> => {
      const health = await client.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }),
      );
      const targets = (health.TargetHealthDescriptions ?? [])
        .filter((description) => {
          const id = description.Target?.Id ?? '';
          const mine = group.TargetType === 'ip' ? addresses.has(id) : id === instanceId;
          const state = description.TargetHealth?.State;
          return mine && state !== 'draining' && state !== 'unused';
        })
        .map((description) => ({
          Id: description.Target?.Id as string,
          ...(description.Target?.Port !== undefined ? { Port: description.Target.Port } : {}),
          ...(description.Target?.AvailabilityZone
            ? { AvailabilityZone: description.Target.AvailabilityZone }
            : {}),
        }));
      return targets.length > 0 ? { targetGroupArn: group.TargetGroupArn, targets } : undefined;
    }),
  );
  return memberships.filter((membership): membership is TargetGroupMembership => !!membership);
}

async function readClassicLoadBalancers(
  aws: AwsClients,
  region: string,
  instanceId: string,
): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeLoadBalancers(
    { client: aws.get(ElasticLoadBalancingClient, region) },
    {},
  )) {
    for (const balancer of page.LoadBalancerDescriptions ?? []) {
      if (
        balancer.LoadBalancerName &&
        (balancer.Instances ?? []).some((instance) => instance.InstanceId === instanceId)
      )
        names.push(balancer.LoadBalancerName);
    }
  }
  return names;
}

async function readAutoScalingGroup(
  aws: AwsClients,
  region: string,
  groupName: string,
  lifecycleState: string,
): Promise<AutoScalingMembership | undefined> {
  const answer = await aws
    .get(AutoScalingClient, region)
    .send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }));
  const group = answer.AutoScalingGroups?.[0];
  if (!group) return undefined;
  return {
    groupName,
    lifecycleState,
    minSize: group.MinSize ?? 0,
    desiredCapacity: group.DesiredCapacity ?? 0,
    suspendedProcesses: (group.SuspendedProcesses ?? [])
      .map((process) => process.ProcessName ?? '')
      .filter(Boolean),
  };
}

function profileNameOf(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

async function readProfile(
  iam: IAMClient,
  name: string,
): Promise<
  ProfileDescription & {
    tags: Record<string, string>;
    roleArns: string[];
    roleIds: Record<string, string>;
  }
> {
  const answer = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
  const profile = answer.InstanceProfile;
  return {
    arn: profile?.Arn ?? '',
    name,
    roleNames: (profile?.Roles ?? []).map((role) => role.RoleName ?? '').filter(Boolean),
    roleIds: Object.fromEntries(
      (profile?.Roles ?? [])
        .filter((role) => role.RoleName && role.RoleId)
        .map((role) => [role.RoleName as string, role.RoleId as string]),
    ),
    roleArns: (profile?.Roles ?? []).map((role) => role.Arn ?? '').filter(Boolean),
    tags: tagRecord(profile?.Tags),
  };
}

/**
 * The quarantine profile, checked to be the module's (tagged on the profile or on its role), so
 * that a look-alike name cannot hand the instance a permissive role. Undefined when the default
 * profile does not exist (the module is not deployed): containment goes on without it. A profile
 * the operator named must exist.
 */
async function readQuarantineProfile(
  iam: IAMClient,
  name: string,
  named: boolean,
): Promise<ProfileDescription | undefined> {
  let profile;
  try {
    profile = await readProfile(iam, name);
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchEntity') {
      if (!named) return undefined;
      throw new UsageError(
        `quarantine instance profile ${name} does not exist: name an existing one with --quarantine-profile, or leave the option out to isolate without one`,
        { cause: error },
      );
    }
    throw error;
  }
  const component = PLUMBING_COMPONENTS.quarantineInstanceProfile;
  if (profile.tags[PLUMBING_TAG_KEY] === component)
    return { arn: profile.arn, name, roleNames: profile.roleNames };
  const roles = await Promise.all(
    profile.roleNames.map((roleName) => iam.send(new GetRoleCommand({ RoleName: roleName }))),
  );
  if (roles.some((role) => tagRecord(role.Role?.Tags)[PLUMBING_TAG_KEY] === component))
    return { arn: profile.arn, name, roleNames: profile.roleNames };
  throw new UsageError(
    `instance profile ${name} is not tagged ${PLUMBING_TAG_KEY}=${component} (nor is its role): refusing to use it as the quarantine profile`,
  );
}

/**
 * The `aws:TokenIssueTime` before which each role's inline policy denies sessions now (`unknown
 * time` when it names none; missing when the role has no such policy), by `<role>/<policy>`:
 * what the verification compares with the times a run wrote.
 */
export async function readRevocationTimes(
  aws: AwsClients,
  region: string,
  policies: readonly { readonly roleName: string; readonly policyName: string }[],
): Promise<Record<string, string | undefined>> {
  const iam = aws.get(IAMClient, globalRegionOf(partitionOfRegion(region)));
  const entries = await Promise.all(
    policies.map(async ({ roleName, policyName }) => {
      const times = await readRevocations(iam, [roleName], policyName);
      return [`${roleName}/${policyName}`, times[roleName]] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function readRevocations(
  iam: IAMClient,
  roleNames: readonly string[],
  policyName: string,
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    roleNames.map(async (roleName): Promise<[string, string] | undefined> => {
      try {
        const answer = await iam.send(
          new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
        );
        const document = JSON.parse(decodeURIComponent(answer.PolicyDocument ?? '{}')) as {
          Statement?:
            | { Condition?: { DateLessThan?: Record<string, string> } }[]
            | { Condition?: { DateLessThan?: Record<string, string> } };
        };
        const statements = Array.isArray(document.Statement)
          ? document.Statement
          : [document.Statement];
        const stamp = statements
          .map((statement) => statement?.Condition?.DateLessThan?.['aws:TokenIssueTime'])
          .find(Boolean);
        return [roleName, stamp ?? 'unknown time'];
      } catch (error) {
        if (awsErrorName(error) === 'NoSuchEntity') return undefined;
        throw error;
      }
    }),
  );
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => !!entry));
}

async function readSubnetAcls(
  ec2: EC2Client,
  interfaces: readonly NetworkInterfaceDescription[],
): Promise<SubnetAcl[]> {
  const subnetIds = [...new Set(interfaces.map((eni) => eni.subnetId))];
  const answer = await ec2.send(
    new DescribeNetworkAclsCommand({
      Filters: [{ Name: 'association.subnet-id', Values: subnetIds }],
    }),
  );
  return subnetIds.flatMap((subnetId) => {
    const acl = (answer.NetworkAcls ?? []).find((candidate) =>
      (candidate.Associations ?? []).some((association) => association.SubnetId === subnetId),
    );
    if (!acl?.NetworkAclId) return [];
    return [
      {
        subnetId,
        networkAclId: acl.NetworkAclId,
        entries: (acl.Entries ?? []).map((entry) => ({
          ruleNumber: entry.RuleNumber ?? 0,
          egress: entry.Egress ?? false,
          ruleAction: entry.RuleAction ?? 'allow',
          ...(entry.CidrBlock ? { cidrBlock: entry.CidrBlock } : {}),
          ...(entry.Ipv6CidrBlock ? { ipv6CidrBlock: entry.Ipv6CidrBlock } : {}),
        })),
      },
    ];
  });
}

async function readSsm(
  aws: AwsClients,
  region: string,
  instanceId: string,
  caseId: string,
): Promise<SsmDescription> {
  const ssm = aws.get(SSMClient, region);
  const [information, commands] = await allSettledOrFirstError([
    ssm.send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: 'InstanceIds', Values: [instanceId] }],
      }),
    ),
    ssm.send(new ListCommandsCommand({ InstanceId: instanceId })),
  ]);
  const info = information.InstanceInformationList?.[0];
  const comment = memoryCaptureComment(caseId);
  return {
    pingStatus: info?.PingStatus ?? 'NotManaged',
    ...(info?.PlatformType ? { platformType: info.PlatformType } : {}),
    captureCommandIds: (commands.Commands ?? [])
      .filter(
        (command) =>
          command.Comment === comment &&
          !['Failed', 'Cancelled', 'TimedOut'].includes(command.Status ?? ''),
      )
      .map((command) => command.CommandId ?? ''),
  };
}

async function readCaptureTool(
  aws: AwsClients,
  store: S3EvidenceStore,
  caseId: string,
  instanceId: string,
): Promise<CaptureTool | undefined> {
  try {
    // `tools/` is shared by every account of an organization, so its key is not mapped; a member
    // needs s3:GetObject on it in the central bucket's policy.
    const head = await aws.get(S3Client, store.region).send(
      new HeadObjectCommand({
        Bucket: store.bucket,
        Key: CAPTURE_TOOL_KEY,
        ChecksumMode: 'ENABLED',
        ExpectedBucketOwner: store.expectedOwner,
      }),
    );
    if (!head.ChecksumSHA256 || head.ChecksumType === 'COMPOSITE') return undefined;
    return {
      bucket: store.bucket,
      expectedOwner: store.expectedOwner,
      key: CAPTURE_TOOL_KEY,
      sha256: Buffer.from(head.ChecksumSHA256, 'base64').toString('hex'),
      imagePrefix: storedKey(store, `cases/${caseId}/memory/${instanceId}/`),
    };
  } catch (error) {
    if (['NotFound', 'NoSuchKey'].includes(awsErrorName(error))) return undefined;
    throw error;
  }
}

/** The memory of an instance type in MiB, or undefined when EC2 does not say. */
export async function readMemorySize(
  ec2: EC2Client,
  instanceType: string,
): Promise<number | undefined> {
  const answer = await ec2.send(
    new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as never] }),
  );
  return answer.InstanceTypes?.[0]?.MemoryInfo?.SizeInMiB;
}

/** The case's scratch volumes made for this instance that still exist. */
export async function readScratchVolumes(
  ec2: EC2Client,
  caseId: string,
  instanceId: string,
): Promise<MemoryScratchVolume[]> {
  const answer = await ec2.send(
    new DescribeVolumesCommand({
      Filters: [
        { Name: `tag:${MEMORY_SCRATCH_TAG}`, Values: [caseId] },
        { Name: 'tag:pyjamas:source-instance', Values: [instanceId] },
      ],
    }),
  );
  return (answer.Volumes ?? [])
    .filter(
      (volume) => volume.VolumeId && volume.State !== 'deleting' && volume.State !== 'deleted',
    )
    .map((volume) => {
      const attachment = volume.Attachments?.find((candidate) => candidate.State !== 'detached');
      return {
        volumeId: volume.VolumeId as string,
        state: volume.State ?? 'unknown',
        ...(attachment?.InstanceId ? { attachedTo: attachment.InstanceId } : {}),
        ...(attachment?.Device ? { device: attachment.Device } : {}),
      };
    });
}
