import type { Plan } from '../core/step';
import type {
  InstanceDescription,
  NetworkInterfaceDescription,
  VolumeDescription,
} from './description';
import { planIsolation, type IsolationOptions } from './plan';

/** Ids the fixtures use. */
export const FIXTURE = {
  instanceId: 'i-0123456789abcdef0',
  vpcId: 'vpc-0aaa',
  isolationGroupId: 'sg-0150',
  untrackGroupId: 'sg-0070',
  captureGroupId: 'sg-0c4c',
  webGroupId: 'sg-0eb0',
  quarantineArn: 'arn:aws:iam::123456789012:instance-profile/pyjamas-quarantine',
  webProfileArn: 'arn:aws:iam::123456789012:instance-profile/web-app',
  targetGroupArn:
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef',
} as const;

/** A network interface of the fixture instance, in the web group. */
export function eni(
  id: string,
  overrides: Partial<NetworkInterfaceDescription> = {},
): NetworkInterfaceDescription {
  return {
    networkInterfaceId: id,
    vpcId: FIXTURE.vpcId,
    subnetId: 'subnet-0aaa',
    groupIds: [FIXTURE.webGroupId],
    requesterManaged: false,
    privateIpAddresses: ['10.0.1.5'],
    ipv6Addresses: [],
    tags: {},
    ...overrides,
  };
}

/** A volume of the fixture instance. */
export function volume(
  id: string,
  deviceName: string,
  overrides: Partial<VolumeDescription> = {},
): VolumeDescription {
  return {
    volumeId: id,
    deviceName,
    boot: deviceName === '/dev/xvda',
    deleteOnTermination: deviceName === '/dev/xvda',
    state: 'in-use',
    tags: {},
    ...overrides,
  };
}

/**
 * The running web server of the proof scenario, as read before any response: two interfaces,
 * three volumes, InService in an Auto Scaling group at its minimum, in a target group, with the
 * web-app profile, and the module's groups in its VPC.
 */
export function runningWebServer(
  overrides: Partial<InstanceDescription> = {},
): InstanceDescription {
  return {
    instanceId: FIXTURE.instanceId,
    region: 'us-east-1',
    account: '123456789012',
    arn: `arn:aws:ec2:us-east-1:123456789012:instance/${FIXTURE.instanceId}`,
    caseId: 'IR-42',
    state: 'running',
    spot: false,
    platform: 'Linux/UNIX',
    vpcId: FIXTURE.vpcId,
    availabilityZone: 'us-east-1a',
    tags: {},
    disableApiTermination: false,
    shutdownBehaviour: 'terminate',
    volumes: [
      volume('vol-0001', '/dev/xvda'),
      volume('vol-0002', '/dev/sdf'),
      volume('vol-0003', '/dev/sdg'),
    ],
    networkInterfaces: [eni('eni-0001'), eni('eni-0002', { privateIpAddresses: ['10.0.1.6'] })],
    autoScaling: {
      groupName: 'web-asg',
      lifecycleState: 'InService',
      minSize: 1,
      desiredCapacity: 1,
    },
    targetGroups: [
      { targetGroupArn: FIXTURE.targetGroupArn, targets: [{ Id: FIXTURE.instanceId, Port: 80 }] },
    ],
    classicLoadBalancers: [],
    addresses: [],
    profile: {
      arn: FIXTURE.webProfileArn,
      name: 'web-app',
      roleNames: ['web-app'],
      associationId: 'iip-assoc-0001',
    },
    quarantineProfile: {
      arn: FIXTURE.quarantineArn,
      name: 'pyjamas-quarantine',
      roleNames: ['pyjamas-quarantine'],
    },
    revokedRoles: {},
    groups: {
      [FIXTURE.vpcId]: {
        isolation: {
          groupId: FIXTURE.isolationGroupId,
          groupName: 'pyjamas-isolation',
          vpcId: FIXTURE.vpcId,
          ingressRules: 0,
          egressRules: 0,
          allowsAllTraffic: false,
        },
        untrack: {
          groupId: FIXTURE.untrackGroupId,
          groupName: 'pyjamas-untrack',
          vpcId: FIXTURE.vpcId,
          ingressRules: 2,
          egressRules: 2,
          allowsAllTraffic: true,
        },
      },
    },
    caseSnapshots: [],
    lockedSnapshotIds: [],
    subnetAcls: [],
    ...overrides,
  };
}

/** The same instance after a complete isolation under case IR-42. */
export function containedWebServer(
  overrides: Partial<InstanceDescription> = {},
): InstanceDescription {
  const caseTags = { 'pyjamas:case-id': 'IR-42', 'pyjamas:status': 'quarantined' };
  const before = runningWebServer();
  return runningWebServer({
    tags: caseTags,
    disableApiTermination: true,
    shutdownBehaviour: 'stop',
    volumes: before.volumes.map((v) => ({ ...v, deleteOnTermination: false, tags: caseTags })),
    networkInterfaces: before.networkInterfaces.map((e) => ({
      ...e,
      groupIds: [FIXTURE.isolationGroupId],
      tags: caseTags,
    })),
    autoScaling: {
      groupName: 'web-asg',
      lifecycleState: 'Standby',
      minSize: 0,
      desiredCapacity: 0,
    },
    targetGroups: [],
    profile: {
      arn: FIXTURE.quarantineArn,
      name: 'pyjamas-quarantine',
      roleNames: ['pyjamas-quarantine'],
      associationId: 'iip-assoc-0002',
    },
    caseSnapshots: before.volumes.map((v, i) => ({
      snapshotId: `snap-000${i + 1}`,
      volumeId: v.volumeId,
      state: 'pending',
    })),
    ...overrides,
  });
}

/** Default options: standby, nothing optional. */
export function isolationOptions(overrides: Partial<IsolationOptions> = {}): IsolationOptions {
  return {
    asgAction: 'standby',
    disassociateEips: false,
    revokeRoleSessions: false,
    naclHardCut: false,
    now: new Date('2026-01-31T12:00:00Z'),
    ...overrides,
  };
}

/**
 * Plans that together use every action an isolation can: every option on (memory capture, EIPs,
 * role sessions, snapshot locks), the NACL hard cut with Auto Scaling detach and no profile, and
 * a terminated instance.
 */
export function isolationPlansWithEveryOption(): Plan[] {
  const everything = runningWebServer({
    groups: {
      [FIXTURE.vpcId]: {
        memoryCapture: {
          groupId: FIXTURE.captureGroupId,
          groupName: 'c',
          vpcId: FIXTURE.vpcId,
          ingressRules: 0,
          egressRules: 1,
          allowsAllTraffic: false,
        },
      },
    },
    classicLoadBalancers: ['legacy'],
    addresses: [{ publicIp: '198.51.100.7', associationId: 'eipassoc-1' }],
    captureTool: { bucket: 'evidence', key: 'tools/avml', sha256: 'ab'.repeat(32) },
    ssm: { pingStatus: 'Online', platformType: 'Linux', captureCommandIds: [] },
  });
  return [
    planIsolation(
      everything,
      isolationOptions({
        disassociateEips: true,
        revokeRoleSessions: true,
        lockSnapshotDays: 30,
        captureMemory: { bucketRegion: 'us-east-1', timeoutSeconds: 3600 },
      }),
    ),
    planIsolation(
      runningWebServer({
        profile: undefined,
        autoScaling: {
          groupName: 'g',
          lifecycleState: 'InService',
          minSize: 0,
          desiredCapacity: 2,
        },
        subnetAcls: [{ subnetId: 'subnet-0aaa', networkAclId: 'acl-1', entries: [] }],
      } as never),
      isolationOptions({ naclHardCut: true, asgAction: 'detach' }),
    ),
    planIsolation(
      runningWebServer({
        state: 'terminated',
        volumes: [volume('vol-9', '', { deviceName: undefined } as never)],
      }),
      isolationOptions(),
    ),
  ];
}
