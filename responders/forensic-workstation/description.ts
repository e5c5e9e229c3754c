/** What the forensic commands read, as plain data for the pure plans. */

/** A snapshot filed under the case. */
export interface EvidenceSnapshot {
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly state: string;
  readonly sizeGiB: number;
  readonly sourceInstanceId?: string;
}

/** A working copy made from a case snapshot earlier. */
export interface WorkingCopy {
  readonly volumeId: string;
  readonly snapshotId: string;
  readonly availabilityZone: string;
  /** `available`, `in-use`, ... */
  readonly state: string;
  readonly attachedTo?: string;
}

/** The workstation and the case's evidence, for `forensics attach`. */
export interface AttachDescription {
  readonly caseId: string;
  readonly region: string;
  readonly account: string;
  readonly workstationId: string;
  readonly workstationState: string;
  readonly availabilityZone: string;
  /** Device names already in use on the workstation. */
  readonly usedDevices: readonly string[];
  readonly snapshots: readonly EvidenceSnapshot[];
  readonly copies: readonly WorkingCopy[];
}

/** A rule of an open memory path on the forensic group (tagged with the case). */
export interface PathRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly egress: boolean;
  readonly expiresAt?: string;
}

/** One interface of an instance of the case. */
export interface PathInterface {
  readonly networkInterfaceId: string;
  readonly instanceId: string;
  readonly vpcId: string;
  readonly groupIds: readonly string[];
}

/** The case's own memory-path group in one VPC. */
export interface CasePathGroup {
  readonly groupId: string;
  readonly vpcId: string;
  readonly expiresAt?: string;
  /** Groups its ingress rules let in. */
  readonly ingressFrom: readonly string[];
}

/** The case's instances, their interfaces and the groups of the path, for the memory path commands. */
export interface MemoryPathDescription {
  readonly caseId: string;
  readonly region: string;
  readonly account: string;
  readonly instanceIds: readonly string[];
  readonly interfaces: readonly PathInterface[];
  /** The forensic group of each VPC of the interfaces, by VPC id. */
  readonly forensicGroups: Readonly<Record<string, string>>;
  readonly caseGroups: readonly CasePathGroup[];
  /** Rules of this case's path on the forensic groups that exist now. */
  readonly rules: readonly PathRule[];
}

/** The launch template of the forensic workstation, as its default version reads. */
export interface WorkstationTemplate {
  readonly id: string;
  readonly name: string;
  /** The default version, which the launch uses. */
  readonly version: number;
  /** An AMI id, or `resolve:ssm:<parameter>`. */
  readonly imageId: string;
  readonly instanceType?: string;
  /** Subnet of the template's first network interface. */
  readonly subnetId?: string;
  /** Security groups of the template's first network interface. */
  readonly groupIds: readonly string[];
}

/** A forensic workstation launched for a case. */
export interface CaseWorkstation {
  readonly instanceId: string;
  /** `pending`, `running`, `stopped`, `terminated`, ... */
  readonly state: string;
  /** The launch template EC2 recorded on it (`aws:ec2launchtemplate:id`). */
  readonly launchTemplateId?: string;
  readonly publicIpAddress?: string;
  readonly groupIds: readonly string[];
}

/** The template, the subnet and the case's workstations, for `forensics launch-workstation`. */
export interface LaunchDescription {
  readonly caseId: string;
  readonly region: string;
  readonly account: string;
  readonly template: WorkstationTemplate;
  /** Where the workstation lands: the subnet asked for, or the template's. */
  readonly subnet: {
    readonly subnetId: string;
    readonly vpcId: string;
    readonly availabilityZone: string;
  };
  /** VPC of the template's security groups, which must be the subnet's. */
  readonly groupsVpcId?: string;
  /** The SSM parameter the template's image resolves from, and whether it holds an AMI id yet. */
  readonly amiParameter?: { readonly name: string; readonly found: boolean };
  /** Every workstation of the case EC2 still lists, terminated ones included. */
  readonly workstations: readonly CaseWorkstation[];
}
