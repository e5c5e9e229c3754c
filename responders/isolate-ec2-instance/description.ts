/**
 * What the read phase learns about an instance, as plain data: the plan is a pure function of
 * it, and it is filed as the pre-state artifact of the run.
 */

/** EC2 instance states, as DescribeInstances reports them. */
export type InstanceState =
  'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

/** One EBS volume of the instance (or one that survived its termination). */
export interface VolumeDescription {
  readonly volumeId: string;
  /** Device name while attached, e.g. `/dev/xvda`. */
  readonly deviceName?: string;
  /** The instance's root volume (CreateSnapshots treats it apart from data volumes). */
  readonly boot: boolean;
  /** From the instance's block device mapping; absent for detached volumes. */
  readonly deleteOnTermination?: boolean;
  /** `in-use`, `available`, ... */
  readonly state: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One network interface attached to the instance. */
export interface NetworkInterfaceDescription {
  readonly networkInterfaceId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Security group ids, in the order EC2 reports them. */
  readonly groupIds: readonly string[];
  /** Interfaces another service manages (e.g. for a load balancer) cannot change groups. */
  readonly requesterManaged: boolean;
  readonly privateIpAddresses: readonly string[];
  readonly ipv6Addresses: readonly string[];
  readonly publicIp?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Membership in an Auto Scaling group. */
export interface AutoScalingMembership {
  readonly groupName: string;
  /** e.g. `InService`, `Standby`, `EnteringStandby`, `Detaching`, `Terminating:Wait`. */
  readonly lifecycleState: string;
  readonly minSize: number;
  readonly desiredCapacity: number;
  /** Processes suspended on the group, e.g. `ReplaceUnhealthy`. */
  readonly suspendedProcesses?: readonly string[];
}

/** An ELBv2 target group the instance (or one of its addresses) is registered in. */
export interface TargetGroupMembership {
  readonly targetGroupArn: string;
  /** The registrations to remove: the instance id, or its private IPs for `ip` target groups. */
  readonly targets: readonly {
    readonly Id: string;
    readonly Port?: number;
    readonly AvailabilityZone?: string;
  }[];
}

/** An Elastic IP address associated with the instance. */
export interface AddressDescription {
  readonly publicIp: string;
  readonly allocationId?: string;
  readonly associationId?: string;
  readonly networkInterfaceId?: string;
}

/** A security group the responder may put interfaces in. */
export interface GroupDescription {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string;
  readonly ingressRules: number;
  readonly egressRules: number;
  /** True when the group allows all protocols from and to both 0.0.0.0/0 and ::/0. */
  readonly allowsAllTraffic: boolean;
}

/** The groups the responder uses in one VPC. */
export interface VpcGroups {
  readonly isolation?: GroupDescription;
  readonly untrack?: GroupDescription;
  readonly memoryCapture?: GroupDescription;
}

/** An IAM instance profile and its role. */
export interface ProfileDescription {
  readonly arn: string;
  readonly name: string;
  readonly roleNames: readonly string[];
  /**
   * Role ids by role name (`AROA…`): an instance's role sessions have the `aws:userid`
   * `<role-id>:<instance-id>`. Read for the instance's own profile.
   */
  readonly roleIds?: Readonly<Record<string, string>>;
}

/** A snapshot filed under the case. */
export interface CaseSnapshot {
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly state: string;
}

/** A network ACL rule. */
export interface NaclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly ruleAction: string;
  readonly cidrBlock?: string;
  readonly ipv6CidrBlock?: string;
}

/** The network ACL of one of the instance's subnets. */
export interface SubnetAcl {
  readonly subnetId: string;
  readonly networkAclId: string;
  readonly entries: readonly NaclEntry[];
}

/** What Systems Manager knows about the instance (read only for memory capture). */
export interface SsmDescription {
  /** `Online`, `ConnectionLost`, `Inactive`, or `NotManaged` when SSM does not know it. */
  readonly pingStatus: string;
  readonly platformType?: string;
  /** Capture commands already sent for this case: they are not sent twice. */
  readonly captureCommandIds: readonly string[];
}

/** The memory-capture tool in the evidence bucket. */
export interface CaptureTool {
  readonly bucket: string;
  /** The account that owns the bucket (ExpectedBucketOwner). */
  readonly expectedOwner: string;
  readonly key: string;
  /** SHA-256 of the binary as hex; the host refuses to run a binary that does not match. */
  readonly sha256: string;
  /**
   * Where the instance's images go in that bucket, as the evidence store keeps the case's keys:
   * `cases/<case>/memory/<instance>/`, or `cases/<account>/<case>/memory/<instance>/` for a
   * member account in the central bucket.
   */
  readonly imagePrefix: string;
}

/** The blank volume a memory capture writes its image to, made for the case. */
export interface MemoryScratchVolume {
  readonly volumeId: string;
  /** `creating`, `available`, `in-use`, ... */
  readonly state: string;
  readonly attachedTo?: string;
  readonly device?: string;
}

/** Everything the plan needs, read once. */
export interface InstanceDescription {
  readonly instanceId: string;
  readonly region: string;
  readonly account: string;
  readonly arn: string;
  readonly caseId: string;
  readonly state: InstanceState;
  readonly spot: boolean;
  readonly platform: string;
  readonly instanceType?: string;
  /** `ebs` or `instance-store` (DescribeInstances `RootDeviceType`): EC2 cannot stop the latter. */
  readonly rootDeviceType?: string;
  readonly availabilityZone?: string;
  readonly vpcId?: string;
  readonly launchTime?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Undefined when EC2 no longer answers for the attribute (terminated instances). */
  readonly disableApiTermination?: boolean;
  readonly shutdownBehaviour?: string;
  /** Attached volumes, then volumes the case's records saw on the instance that are no longer attached. */
  readonly volumes: readonly VolumeDescription[];
  readonly networkInterfaces: readonly NetworkInterfaceDescription[];
  readonly autoScaling?: AutoScalingMembership;
  readonly targetGroups: readonly TargetGroupMembership[];
  readonly classicLoadBalancers: readonly string[];
  readonly addresses: readonly AddressDescription[];
  /** The instance's profile now (or last, for a terminated instance), with its association. */
  readonly profile?: ProfileDescription & { readonly associationId?: string };
  /** The quarantine profile; undefined when the account has none (the module is not deployed). */
  readonly quarantineProfile?: ProfileDescription;
  /**
   * Timestamps of revocation policies already on the instance's roles (`AWSRevokeOlderSessions`,
   * every session of the role), by role name.
   */
  readonly revokedRoles: Readonly<Record<string, string>>;
  /** Groups by VPC id, for every VPC of the instance's interfaces. */
  readonly groups: Readonly<Record<string, VpcGroups>>;
  /**
   * Snapshots of the instance's volumes that the case's records name (their manifests, or the run
   * being verified), as EC2 shows them: the only snapshots reused.
   */
  readonly caseSnapshots: readonly CaseSnapshot[];
  /**
   * Of {@link caseSnapshots}, those no step record names but that an interrupted run of the case
   * took (see `interruptedRunOf` in read.ts): reused, and named in the plan's notes.
   */
  readonly adoptedSnapshots?: readonly (CaseSnapshot & { readonly runId: string })[];
  /**
   * Objects that say they belong to the case (a `pyjamas:` tag, the capture's Run Command
   * comment) but that no record of the case names: reported, never reused, since anyone with EC2
   * or SSM write access could have made them look so.
   */
  readonly unrecorded?: {
    readonly snapshots: readonly CaseSnapshot[];
    readonly scratchVolumeIds: readonly string[];
    readonly captureCommandIds: readonly string[];
  };
  /** Why some of the case's records could not be read or trusted, in words. */
  readonly recordProblems?: readonly string[];
  /** Snapshot ids already locked (read only when locking is asked for). */
  readonly lockedSnapshotIds: readonly string[];
  /** Read only for the NACL hard cut. */
  readonly subnetAcls: readonly SubnetAcl[];
  /** Read only for memory capture. */
  readonly ssm?: SsmDescription;
  readonly captureTool?: CaptureTool;
  /** Memory of the instance type (DescribeInstanceTypes `MemoryInfo.SizeInMiB`), read only for memory capture. */
  readonly memorySizeMiB?: number;
  /** The case's scratch volume for this instance (one a run of the case made), read only for memory capture; never among `volumes`. */
  readonly memoryScratch?: MemoryScratchVolume;
  /** Console output (decoded), kept as an artifact. */
  readonly consoleOutput?: string;
  /** User data as EC2 returns it (base64), kept as an artifact: a common place for secrets and persistence. */
  readonly userData?: string;
}
