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

/** A rule of an open memory path. */
export interface PathRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly egress: boolean;
  readonly expiresAt?: string;
}

/** One VPC's groups between which the path runs. */
export interface PathEnds {
  readonly vpcId: string;
  readonly isolationGroupId: string;
  readonly forensicGroupId?: string;
}

/** The case's isolated instances and their groups, for the memory path commands. */
export interface MemoryPathDescription {
  readonly caseId: string;
  readonly region: string;
  readonly account: string;
  readonly instanceIds: readonly string[];
  readonly ends: readonly PathEnds[];
  /** Rules of this case's path that exist now. */
  readonly rules: readonly PathRule[];
}
