import type {
  AttachDescription,
  CaseWorkstation,
  LaunchDescription,
  MemoryPathDescription,
} from './description';
import { FORENSIC_WORKSTATION_ACTIONS } from './permissions';
import {
  launchClientToken,
  planAttach,
  planCloseMemoryPath,
  planLaunch,
  planOpenMemoryPath,
} from './plan';

const attach = (overrides: Partial<AttachDescription> = {}): AttachDescription => ({
  caseId: 'IR-7',
  region: 'us-east-1',
  account: '123456789012',
  workstationId: 'i-0f0f0f0f0f0f0f0f0',
  workstationState: 'running',
  availabilityZone: 'us-east-1b',
  usedDevices: ['/dev/xvda', '/dev/sdf'],
  snapshots: [
    { snapshotId: 'snap-1', volumeId: 'vol-1', state: 'completed', sizeGiB: 8 },
    { snapshotId: 'snap-2', volumeId: 'vol-2', state: 'completed', sizeGiB: 1 },
  ],
  copies: [],
  ...overrides,
});

const path = (overrides: Partial<MemoryPathDescription> = {}): MemoryPathDescription => ({
  caseId: 'IR-7',
  region: 'us-east-1',
  account: '123456789012',
  instanceIds: ['i-0123456789abcdef0'],
  interfaces: [
    {
      networkInterfaceId: 'eni-1',
      instanceId: 'i-0123456789abcdef0',
      vpcId: 'vpc-1',
      groupIds: ['sg-iso'],
    },
  ],
  forensicGroups: { 'vpc-1': 'sg-for' },
  caseGroups: [],
  rules: [],
  ...overrides,
});

const launch = (overrides: Partial<LaunchDescription> = {}): LaunchDescription => ({
  caseId: 'IR-7',
  region: 'us-east-1',
  account: '123456789012',
  template: {
    id: 'lt-0123456789abcdef0',
    name: 'pyjamas-forensic-workstation',
    version: 3,
    imageId: 'resolve:ssm:/pyjamas/forensic-ami/latest',
    instanceType: 'm6i.xlarge',
    subnetId: 'subnet-1',
    groupIds: ['sg-for'],
  },
  subnet: { subnetId: 'subnet-1', vpcId: 'vpc-1', availabilityZone: 'us-east-1b' },
  groupsVpcId: 'vpc-1',
  amiParameter: { name: '/pyjamas/forensic-ami/latest', found: true },
  workstations: [],
  ...overrides,
});
const workstation = (instanceId: string, state: string): CaseWorkstation => ({
  instanceId,
  state,
  launchTemplateId: 'lt-0123456789abcdef0',
  groupIds: ['sg-for'],
});

describe('planLaunch', () => {
  test('launches one workstation from the default template version in the subnet, without a public address, tagged with the case', () => {
    const plan = planLaunch(launch());
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({
      id: 'launch-workstation',
      action: 'ec2:RunInstances',
      input: {
        LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '3' },
        MinCount: 1,
        MaxCount: 1,
        ClientToken: expect.stringMatching(/^pyjamas-[0-9a-f]{48}$/),
        NetworkInterfaces: [
          {
            DeviceIndex: 0,
            SubnetId: 'subnet-1',
            Groups: ['sg-for'],
            AssociatePublicIpAddress: false,
            DeleteOnTermination: true,
          },
        ],
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: 'pyjamas:forensic-case', Value: 'IR-7' },
              { Key: 'Name', Value: 'pyjamas-forensic-IR-7' },
            ],
          },
        ],
      },
    });
    expect(plan.steps[0]?.input.InstanceType).toBeUndefined();
    expect(plan.steps[0]?.reason).toMatch(
      /m6i\.xlarge, in subnet-1 \(us-east-1b\) with sg-for and no public address/,
    );
    expect(plan.target).toMatchObject({ type: 'AwsEc2LaunchTemplate', id: 'lt-0123456789abcdef0' });
  });

  test('derives the client token from the case and the launch, so a rerun sends the same one and another launch does not', () => {
    const token = (description: LaunchDescription, instanceType?: string) =>
      launchClientToken(description, instanceType ? { instanceType } : {});
    expect(token(launch())).toBe(token(launch()));
    expect(token(launch({ caseId: 'IR-8' }))).not.toBe(token(launch()));
    expect(token(launch(), 'r6i.2xlarge')).not.toBe(token(launch()));
    expect(token(launch({ workstations: [workstation('i-old', 'terminated')] }))).not.toBe(
      token(launch()),
    );
    expect(planLaunch(launch(), { instanceType: 'r6i.2xlarge' }).steps[0]?.input.InstanceType).toBe(
      'r6i.2xlarge',
    );
  });

  test.each([
    [
      'running',
      [workstation('i-1', 'running')],
      /already has workstation i-1 \(running\); nothing is launched\.$/,
    ],
    [
      'pending',
      [workstation('i-1', 'pending'), workstation('i-0', 'terminated')],
      /already has workstation i-1 \(pending\)/,
    ],
    ['stopping', [workstation('i-1', 'stopping')], /run the command again once it has stopped/],
    [
      'two live',
      [workstation('i-1', 'running'), workstation('i-2', 'stopped')],
      /already has 2 workstations \(i-1, i-2\)/,
    ],
  ])('launches nothing when the case has a %s workstation', (_name, workstations, note) => {
    const plan = planLaunch(launch({ workstations }));
    expect(plan.steps).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(note);
  });

  test("starts the case's stopped workstation instead of launching another", () => {
    expect(
      planLaunch(launch({ workstations: [workstation('i-1', 'stopped')] })).steps.map((step) => [
        step.action,
        step.input,
      ]),
    ).toEqual([['ec2:StartInstances', { InstanceIds: ['i-1'] }]]);
  });

  test.each([
    [
      'the groups are in another VPC',
      launch({ groupsVpcId: 'vpc-2' }),
      /subnet subnet-1 is in vpc-1, but the template's groups \(sg-for\) are in vpc-2: choose a subnet of vpc-2/,
    ],
    [
      'the template has no group',
      launch({ template: { ...launch().template, groupIds: [] } }),
      /names no security group/,
    ],
    [
      'the AMI was never built',
      launch({ amiParameter: { name: '/pyjamas/forensic-ami/latest', found: false } }),
      /forensic AMI has not been built yet: SSM parameter \/pyjamas\/forensic-ami\/latest does not exist/,
    ],
  ])('refuses when %s', (_name, description, message) => {
    expect(() => planLaunch(description)).toThrow(message);
  });
});

describe('planAttach', () => {
  test("creates a copy of each completed snapshot in the workstation's zone and attaches it on a free device", () => {
    const plan = planAttach(attach());
    expect(
      plan.steps.map((step) => [step.id, step.input.Device ?? step.input.AvailabilityZone]),
    ).toEqual([
      ['create-volume-snap-1', 'us-east-1b'],
      ['attach-volume-snap-1', '/dev/sdg'],
      ['create-volume-snap-2', 'us-east-1b'],
      ['attach-volume-snap-2', '/dev/sdh'],
    ]);
    expect(plan.steps[1]?.input.VolumeId).toEqual({
      $fromStep: 'create-volume-snap-1',
      path: 'VolumeId',
    });
    expect(plan.notes[0]).toMatch(/read-only/);
  });

  test('reuses copies made earlier, leaves attached ones alone and waits for pending snapshots', () => {
    const plan = planAttach(
      attach({
        snapshots: [
          { snapshotId: 'snap-1', volumeId: 'vol-1', state: 'completed', sizeGiB: 8 },
          { snapshotId: 'snap-2', volumeId: 'vol-2', state: 'completed', sizeGiB: 1 },
          { snapshotId: 'snap-3', volumeId: 'vol-3', state: 'pending', sizeGiB: 1 },
        ],
        copies: [
          {
            volumeId: 'vol-c1',
            snapshotId: 'snap-1',
            availabilityZone: 'us-east-1b',
            state: 'in-use',
            attachedTo: 'i-0f0f0f0f0f0f0f0f0',
          },
          {
            volumeId: 'vol-c2',
            snapshotId: 'snap-2',
            availabilityZone: 'us-east-1b',
            state: 'available',
          },
        ],
      }),
    );
    expect(plan.steps.map((step) => step.id)).toEqual(['attach-volume-snap-2']);
    expect(plan.steps[0]?.input.VolumeId).toBe('vol-c2');
    expect(plan.notes.join('\n')).toMatch(/snap-3 \(vol-3\) is pending/);
  });

  test('refuses a terminated workstation', () => {
    expect(() => planAttach(attach({ workstationState: 'terminated' }))).toThrow(/is terminated/);
  });
});

describe('memory path', () => {
  const now = new Date('2026-01-31T12:00:00Z');

  test("opens the port through a group of the case's own, added to the case's interfaces only", () => {
    const plan = planOpenMemoryPath(path(), { minutes: 30, port: 22, now });
    expect(plan.steps.map((step) => step.id)).toEqual([
      'create-memory-path-group-vpc-1',
      'revoke-memory-path-egress-vpc-1',
      'allow-memory-path-ingress-vpc-1',
      'open-forensic-egress-vpc-1',
      'attach-memory-path-eni-1',
    ]);
    const byId = Object.fromEntries(plan.steps.map((step) => [step.id, step.input]));
    const group = { $fromStep: 'create-memory-path-group-vpc-1', path: 'GroupId' };
    expect(byId['create-memory-path-group-vpc-1']).toMatchObject({
      GroupName: 'pyjamas-memory-path-IR-7',
      VpcId: 'vpc-1',
      TagSpecifications: [
        {
          ResourceType: 'security-group',
          Tags: [
            { Key: 'pyjamas:case-id', Value: 'IR-7' },
            { Key: 'pyjamas:expires-at', Value: '2026-01-31T12:30:00.000Z' },
          ],
        },
      ],
    });
    expect(byId['allow-memory-path-ingress-vpc-1']).toMatchObject({
      GroupId: group,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-for' }] },
      ],
    });
    expect(byId['open-forensic-egress-vpc-1']).toMatchObject({
      GroupId: 'sg-for',
      IpPermissions: [{ UserIdGroupPairs: [{ GroupId: group }] }],
    });
    expect(byId['attach-memory-path-eni-1']).toEqual({
      NetworkInterfaceId: 'eni-1',
      Groups: ['sg-iso', group],
    });
    expect(
      plan.steps.some((step) => JSON.stringify(step.input).includes('"GroupId":"sg-iso"')),
    ).toBe(false);
    expect(plan.notes.join('\n')).toMatch(
      /closes the path at 2026-01-31T12:30:00.000Z unless run with --detach; then run pyjamas forensics close-memory-path --case IR-7 by then/,
    );
  });

  test('leaves an open path with its expiry', () => {
    const plan = planOpenMemoryPath(
      path({
        interfaces: [
          {
            networkInterfaceId: 'eni-1',
            instanceId: 'i-0123456789abcdef0',
            vpcId: 'vpc-1',
            groupIds: ['sg-iso', 'sg-case'],
          },
        ],
        caseGroups: [
          {
            groupId: 'sg-case',
            vpcId: 'vpc-1',
            expiresAt: '2026-01-31T12:10:00Z',
            ingressFrom: ['sg-for'],
          },
        ],
        rules: [{ ruleId: 'sgr-1', groupId: 'sg-for', egress: true }],
      }),
      { minutes: 30, port: 22, now },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/already open \(sg-case, until 2026-01-31T12:10:00Z\)/);
  });

  test.each([
    ['no isolated instance', path({ instanceIds: [] }), /no instance is tagged with case IR-7/],
    ['no forensic group', path({ forensicGroups: {} }), /forensic-security-group in vpc-1/],
  ])('refuses with %s', (_name, description, message) => {
    expect(() => planOpenMemoryPath(description, { minutes: 30, port: 22, now })).toThrow(message);
  });

  test("closing takes the case group off the interfaces, revokes the forensic group's rule, then deletes the group", () => {
    const plan = planCloseMemoryPath(
      path({
        interfaces: [
          {
            networkInterfaceId: 'eni-1',
            instanceId: 'i-0123456789abcdef0',
            vpcId: 'vpc-1',
            groupIds: ['sg-iso', 'sg-case'],
          },
        ],
        caseGroups: [{ groupId: 'sg-case', vpcId: 'vpc-1', ingressFrom: ['sg-for'] }],
        rules: [{ ruleId: 'sgr-2', groupId: 'sg-for', egress: true }],
      }),
    );
    expect(plan.steps.map((step) => [step.action, step.input])).toEqual([
      ['ec2:ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-1', Groups: ['sg-iso'] }],
      ['ec2:RevokeSecurityGroupEgress', { GroupId: 'sg-for', SecurityGroupRuleIds: ['sgr-2'] }],
      ['ec2:DeleteSecurityGroup', { GroupId: 'sg-case' }],
    ]);
  });

  test('every planned action is in the permission list', () => {
    const actions = [
      ...planAttach(attach()).steps,
      ...planOpenMemoryPath(path(), { minutes: 1, port: 22, now }).steps,
      ...planCloseMemoryPath(
        path({
          interfaces: [
            {
              networkInterfaceId: 'eni-1',
              instanceId: 'i-1',
              vpcId: 'vpc-1',
              groupIds: ['a', 'g'],
            },
          ],
          caseGroups: [{ groupId: 'g', vpcId: 'vpc-1', ingressFrom: [] }],
          rules: [
            { ruleId: 'a', groupId: 'g', egress: false },
            { ruleId: 'b', groupId: 'g', egress: true },
          ],
        }),
      ).steps,
      ...planLaunch(launch()).steps,
      ...planLaunch(launch({ workstations: [workstation('i-1', 'stopped')] })).steps,
    ].map((step) => step.action);
    expect(
      actions.filter(
        (action) => !(FORENSIC_WORKSTATION_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});
