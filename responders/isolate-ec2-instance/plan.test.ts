import { UsageError } from '../../lib/errors';
import { ISOLATE_EC2_INSTANCE_ACTIONS } from './permissions';
import { planWaves } from '../core/execute';
import { planIsolation } from './plan';
import {
  FIXTURE,
  containedWebServer,
  eni,
  isolationOptions,
  isolationPlansWithEveryOption,
  runningWebServer,
  volume,
} from '../../test/fixtures/isolation-plans';

const ids = (plan: ReturnType<typeof planIsolation>) => plan.steps.map((step) => step.id);
const stepOf = (plan: ReturnType<typeof planIsolation>, id: string) =>
  plan.steps.find((step) => step.id === id);

describe('planIsolation', () => {
  test('protects the evidence, leaves Auto Scaling and the load balancer, then swaps every interface in two steps', () => {
    const plan = planIsolation(runningWebServer(), isolationOptions());
    // The wave is the round trip a step goes out in once the pre-state is filed.
    const waves = planWaves(plan.steps);
    expect(plan.steps.map((step, index) => [step.id, waves[index]])).toEqual([
      ['tag-resources', 1],
      ['enable-termination-protection', 1],
      ['set-shutdown-behaviour-stop', 1],
      ['keep-volumes-on-termination', 1],
      ['enter-asg-standby', 1],
      ['deregister-from-target-group-web-tg', 1],
      ['untrack-eni-eni-0001', 1],
      ['untrack-eni-eni-0002', 1],
      ['isolate-eni-eni-0001', 2],
      ['isolate-eni-eni-0002', 2],
      ['replace-instance-profile', 3],
      ['revoke-instance-sessions-web-app', 4],
      ['snapshot-volumes', 5],
    ]);
    expect(stepOf(plan, 'untrack-eni-eni-0002')?.input).toEqual({
      NetworkInterfaceId: 'eni-0002',
      Groups: [FIXTURE.untrackGroupId],
    });
    expect(stepOf(plan, 'isolate-eni-eni-0002')?.input).toEqual({
      NetworkInterfaceId: 'eni-0002',
      Groups: [FIXTURE.isolationGroupId],
    });
    expect(stepOf(plan, 'enter-asg-standby')).toMatchObject({
      input: { ShouldDecrementDesiredCapacity: true },
      fallback: {
        action: 'autoscaling:SuspendProcesses',
        input: { ScalingProcesses: ['ReplaceUnhealthy', 'AZRebalance', 'HealthCheck'] },
      },
    });
    expect(plan.notes.join('\n')).toMatch(/minimum \(1 at the read\) is lowered/);
    expect(plan.notes.join('\n')).toMatch(/Standby keeps the instance a member/);
    expect(stepOf(plan, 'keep-volumes-on-termination')?.input).toEqual({
      InstanceId: FIXTURE.instanceId,
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: false } }],
    });
    expect(plan.notes[0]).toMatch(/^containment: soft/);
  });

  test('each move to the untrack group declares the isolation that closes it and the undo to the original groups', () => {
    const plan = planIsolation(runningWebServer(), isolationOptions());
    expect(stepOf(plan, 'untrack-eni-eni-0001')?.opensWindow).toEqual({
      exposes: 'eni-0001',
      closedBy: 'isolate-eni-eni-0001',
      undo: expect.objectContaining({
        id: 'restore-eni-eni-0001-groups',
        action: 'ec2:ModifyNetworkInterfaceAttribute',
        input: { NetworkInterfaceId: 'eni-0001', Groups: [FIXTURE.webGroupId] },
      }),
    });
    expect(ids(plan)).toContain('isolate-eni-eni-0001');
  });

  test('plans nothing for an instance that is already contained under the case, and reuses its snapshots', () => {
    const plan = planIsolation(containedWebServer(), isolationOptions());
    expect(plan.steps).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/Snapshots the case's records name are reused/);
  });

  test('step ids are unique in a plan with every option on', () => {
    const plan = planIsolation(
      runningWebServer({
        addresses: [{ publicIp: '198.51.100.7', associationId: 'eipassoc-1' }],
        subnetAcls: [{ subnetId: 'subnet-0aaa', networkAclId: 'acl-1', entries: [] }],
      }),
      isolationOptions({
        disassociateEips: true,
        revokeRoleSessions: true,
        lockSnapshotDays: 30,
        naclHardCut: true,
      }),
    );
    expect(new Set(ids(plan)).size).toBe(plan.steps.length);
  });

  test.each([
    ['standby', 'enter-asg-standby', 'autoscaling:EnterStandby'],
    ['detach', 'detach-from-asg', 'autoscaling:DetachInstances'],
  ] as const)(
    'leaves the Auto Scaling group by %s with the desired capacity decremented',
    (asgAction, id, action) => {
      const plan = planIsolation(
        runningWebServer({
          autoScaling: {
            groupName: 'web-asg',
            lifecycleState: 'InService',
            minSize: 0,
            desiredCapacity: 2,
          },
        }),
        isolationOptions({ asgAction }),
      );
      expect(stepOf(plan, id)).toMatchObject({
        action,
        input: {
          AutoScalingGroupName: 'web-asg',
          InstanceIds: [FIXTURE.instanceId],
          ShouldDecrementDesiredCapacity: true,
        },
      });
      expect(stepOf(plan, 'lower-asg-minimum')).toBeUndefined();
    },
  );

  test.each(['Standby', 'EnteringStandby', 'Detaching'])(
    'does not touch Auto Scaling when the instance is already %s',
    (lifecycleState) => {
      const plan = planIsolation(
        runningWebServer({
          autoScaling: { groupName: 'web-asg', lifecycleState, minSize: 0, desiredCapacity: 0 },
        }),
        isolationOptions({ asgAction: 'detach' }),
      );
      expect(ids(plan).filter((id) => id.includes('asg'))).toEqual([]);
    },
  );

  test('an instance without Auto Scaling group or load balancer gets neither step', () => {
    const plan = planIsolation(
      runningWebServer({
        autoScaling: undefined,
        targetGroups: [],
        classicLoadBalancers: [],
      }),
      isolationOptions(),
    );
    expect(ids(plan).filter((id) => /asg|deregister/.test(id))).toEqual([]);
  });

  test('deregisters from Classic Load Balancers too', () => {
    const plan = planIsolation(
      runningWebServer({ classicLoadBalancers: ['legacy-web'] }),
      isolationOptions(),
    );
    expect(stepOf(plan, 'deregister-from-classic-elb-legacy-web')?.input).toEqual({
      LoadBalancerName: 'legacy-web',
      Instances: [{ InstanceId: FIXTURE.instanceId }],
    });
  });

  test('a stopped instance is isolated in one call per interface and its containment is hard', () => {
    const plan = planIsolation(runningWebServer({ state: 'stopped' }), isolationOptions());
    expect(ids(plan).filter((id) => id.includes('-eni-'))).toEqual([
      'isolate-eni-eni-0001',
      'isolate-eni-eni-0002',
    ]);
    expect(plan.notes[0]).toMatch(/^containment: hard — the instance is stopped/);
    expect(ids(plan)).toContain('enter-asg-standby');
  });

  test('a stopping instance still gets the two-step swap: its flows may still be alive', () => {
    const plan = planIsolation(runningWebServer({ state: 'stopping' }), isolationOptions());
    expect(ids(plan)).toContain('untrack-eni-eni-0001');
  });

  test.each(['terminated', 'shutting-down'] as const)(
    'a %s instance is not isolated; surviving volumes are snapshotted and the last role revoked when asked',
    (state) => {
      const survivor = volume('vol-0009', '', {
        deviceName: undefined,
        state: 'available',
        tags: { 'pyjamas:case-id': 'IR-42' },
      });
      const plan = planIsolation(
        runningWebServer({
          state,
          volumes: [survivor],
          networkInterfaces: [],
          autoScaling: undefined,
          targetGroups: [],
        }),
        isolationOptions({ revokeRoleSessions: true }),
      );
      expect(ids(plan)).toEqual([
        'tag-resources',
        'revoke-role-sessions-web-app',
        'snapshot-volume-vol-0009',
      ]);
      expect(stepOf(plan, 'revoke-role-sessions-web-app')?.input).toMatchObject({
        PolicyDocument: {
          Statement: [
            { Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-31T12:00:00.000Z' } } },
          ],
        },
      });
      expect(plan.notes[0]).toMatch(/containment: none needed/);
    },
  );

  test('a spot instance gets no termination protection or shutdown change, and a note why', () => {
    const plan = planIsolation(runningWebServer({ spot: true }), isolationOptions());
    expect(ids(plan)).not.toContain('enable-termination-protection');
    expect(ids(plan)).not.toContain('set-shutdown-behaviour-stop');
    expect(plan.notes.join('\n')).toMatch(/Spot instance/);
  });

  test('swaps only the interfaces not yet isolated, and leaves requester-managed ones with a note', () => {
    const plan = planIsolation(
      runningWebServer({
        networkInterfaces: [
          eni('eni-0001', { groupIds: [FIXTURE.isolationGroupId] }),
          eni('eni-0002'),
          eni('eni-0003', { requesterManaged: true }),
        ],
      }),
      isolationOptions(),
    );
    expect(ids(plan).filter((id) => id.includes('-eni-'))).toEqual([
      'untrack-eni-eni-0002',
      'isolate-eni-eni-0002',
    ]);
    expect(plan.notes.join('\n')).toMatch(/eni-0003 is managed by another service/);
  });

  test('an interface left in the untrack group by an interrupted run gets both calls again', () => {
    const plan = planIsolation(
      runningWebServer({
        networkInterfaces: [eni('eni-0001', { groupIds: [FIXTURE.untrackGroupId] })],
      }),
      isolationOptions(),
    );
    expect(ids(plan).filter((id) => id.includes('-eni-'))).toEqual([
      'untrack-eni-eni-0001',
      'isolate-eni-eni-0001',
    ]);
  });

  test('creates the groups of a VPC without any, and the swaps refer to the created ids', () => {
    const plan = planIsolation(
      runningWebServer({ groups: { [FIXTURE.vpcId]: {} } }),
      isolationOptions(),
    );
    expect(ids(plan).filter((id) => id.includes('vpc-0aaa'))).toEqual([
      'create-isolation-group-vpc-0aaa',
      'revoke-isolation-group-egress-vpc-0aaa',
      'create-untrack-group-vpc-0aaa',
      'allow-untrack-ingress-vpc-0aaa',
      'allow-untrack-ipv6-egress-vpc-0aaa',
    ]);
    expect(stepOf(plan, 'create-isolation-group-vpc-0aaa')?.input).toMatchObject({
      GroupName: 'pyjamas-isolation-vpc-0aaa',
      VpcId: FIXTURE.vpcId,
    });
    expect(stepOf(plan, 'isolate-eni-eni-0001')?.input).toEqual({
      NetworkInterfaceId: 'eni-0001',
      Groups: [{ $fromStep: 'create-isolation-group-vpc-0aaa', path: 'GroupId' }],
    });
    expect(ids(plan).indexOf('allow-untrack-ipv6-egress-vpc-0aaa')).toBeLessThan(
      ids(plan).indexOf('untrack-eni-eni-0001'),
    );
  });

  test('warns when the tagged groups do not look like isolation and untrack groups', () => {
    const base = runningWebServer().groups[FIXTURE.vpcId];
    const plan = planIsolation(
      runningWebServer({
        groups: {
          [FIXTURE.vpcId]: {
            isolation: {
              ...(base?.isolation as NonNullable<typeof base>['isolation'] & object),
              egressRules: 1,
            },
            untrack: {
              ...(base?.untrack as NonNullable<typeof base>['untrack'] & object),
              allowsAllTraffic: false,
            },
          },
        },
      }),
      isolationOptions(),
    );
    expect(plan.notes.join('\n')).toMatch(/has rules \(0 in, 1 out\)/);
    expect(plan.notes.join('\n')).toMatch(/existing flows may stay tracked/);
  });

  test('associates the quarantine profile when the instance has none', () => {
    const plan = planIsolation(
      runningWebServer({ profile: undefined }),
      isolationOptions({ revokeRoleSessions: true }),
    );
    expect(stepOf(plan, 'associate-instance-profile')?.input).toEqual({
      InstanceId: FIXTURE.instanceId,
      IamInstanceProfile: { Name: 'pyjamas-quarantine' },
    });
    expect(ids(plan).filter((id) => id.startsWith('revoke'))).toEqual([]);
  });

  test('revokes the old role after the profile swap, with the moment the swap completed', () => {
    const plan = planIsolation(runningWebServer(), isolationOptions({ revokeRoleSessions: true }));
    expect(ids(plan).indexOf('revoke-role-sessions-web-app')).toBe(
      ids(plan).indexOf('replace-instance-profile') + 1,
    );
    expect(stepOf(plan, 'revoke-role-sessions-web-app')?.input).toMatchObject({
      RoleName: 'web-app',
      PolicyName: 'AWSRevokeOlderSessions',
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Condition: {
              DateLessThan: {
                'aws:TokenIssueTime': {
                  $fromStep: 'replace-instance-profile',
                  path: 'completedAt',
                },
              },
            },
          },
        ],
      },
    });
    expect(plan.notes.join('\n')).toMatch(/denies every instance and user of that role/);
  });

  test('moves an earlier AWSRevokeOlderSessions forward to the profile swap', () => {
    const plan = planIsolation(
      runningWebServer({ revokedRoles: { 'web-app': '2026-01-30T08:00:00Z' } }),
      isolationOptions({ revokeRoleSessions: true }),
    );
    // The policy is written again with the swap's moment, never the earlier time.
    expect(stepOf(plan, 'revoke-role-sessions-web-app')?.input).toMatchObject({
      PolicyName: 'AWSRevokeOlderSessions',
      PolicyDocument: {
        Statement: [
          {
            Condition: {
              DateLessThan: {
                'aws:TokenIssueTime': {
                  $fromStep: 'replace-instance-profile',
                  path: 'completedAt',
                },
              },
            },
          },
        ],
      },
    });
    expect(plan.notes.join('\n')).toMatch(
      /issued before 2026-01-30T08:00:00Z\); that time moves forward to this run's profile change/,
    );
  });

  test("by default denies only this instance's sessions of its role, issued before the swap", () => {
    const plan = planIsolation(
      runningWebServer({
        profile: {
          ...(runningWebServer().profile as NonNullable<
            ReturnType<typeof runningWebServer>['profile']
          >),
          roleIds: { 'web-app': 'AROAWEBAPP' },
        },
      }),
      isolationOptions(),
    );
    expect(ids(plan).filter((id) => id.startsWith('revoke'))).toEqual([
      'revoke-instance-sessions-web-app',
    ]);
    const before = {
      'aws:TokenIssueTime': { $fromStep: 'replace-instance-profile', path: 'completedAt' },
    };
    expect(stepOf(plan, 'revoke-instance-sessions-web-app')?.input).toEqual({
      RoleName: 'web-app',
      PolicyName: `pyjamas-revoke-${FIXTURE.instanceId}`,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          expect.objectContaining({
            Effect: 'Deny',
            Condition: {
              StringEquals: { 'aws:userid': `AROAWEBAPP:${FIXTURE.instanceId}` },
              DateLessThan: before,
            },
          }),
          expect.objectContaining({
            Effect: 'Deny',
            Condition: {
              StringEquals: { 'ec2:SourceInstanceARN': runningWebServer().arn },
              DateLessThan: before,
            },
          }),
        ],
      },
    });
    expect(plan.notes.join('\n')).toMatch(/other users of the role keep theirs/);
  });

  describe('without a quarantine profile in the account', () => {
    const unquarantined = () => {
      const { quarantineProfile: _none, ...description } = runningWebServer();
      return description;
    };

    test('isolates the network anyway and disassociates the instance profile, then denies its sessions', () => {
      const plan = planIsolation(unquarantined(), isolationOptions());
      expect(ids(plan)).toContain('isolate-eni-eni-0001');
      expect(stepOf(plan, 'disassociate-instance-profile')).toMatchObject({
        action: 'ec2:DisassociateIamInstanceProfile',
        input: { AssociationId: 'iip-assoc-0001' },
      });
      expect(stepOf(plan, 'revoke-instance-sessions-web-app')?.input).toMatchObject({
        PolicyDocument: {
          Statement: [
            {
              Condition: {
                DateLessThan: {
                  'aws:TokenIssueTime': {
                    $fromStep: 'disassociate-instance-profile',
                    path: 'completedAt',
                  },
                },
              },
            },
          ],
        },
      });
      expect(plan.notes.join('\n')).toMatch(
        /No quarantine instance profile .* web-app is disassociated/,
      );
    });

    test('keeps the profile with keepInstanceProfile, and says so', () => {
      const plan = planIsolation(unquarantined(), isolationOptions({ keepInstanceProfile: true }));
      expect(ids(plan)).not.toContain('disassociate-instance-profile');
      expect(plan.notes.join('\n')).toMatch(/--keep-instance-profile: web-app stays/);
    });
  });

  test('snapshots only the volumes without a case snapshot, excluding the others from CreateSnapshots', () => {
    const plan = planIsolation(
      runningWebServer({
        caseSnapshots: [
          { snapshotId: 'snap-1', volumeId: 'vol-0001', state: 'completed' },
          { snapshotId: 'snap-2', volumeId: 'vol-0002', state: 'pending' },
        ],
      }),
      isolationOptions(),
    );
    expect(stepOf(plan, 'snapshot-volumes')?.input).toMatchObject({
      InstanceSpecification: {
        InstanceId: FIXTURE.instanceId,
        ExcludeBootVolume: true,
        ExcludeDataVolumeIds: ['vol-0002'],
      },
    });
  });

  test('a snapshot only a tag ties to the case is named and not reused: the volume is snapshotted again', () => {
    const plan = planIsolation(
      runningWebServer({
        unrecorded: {
          snapshots: [{ snapshotId: 'snap-forged', volumeId: 'vol-0001', state: 'completed' }],
          scratchVolumeIds: ['vol-0002'],
          captureCommandIds: ['cmd-forged'],
        },
        recordProblems: ['s3://evidence/cases/IR-42/runs/r/run-record.json could not be read'],
      }),
      isolationOptions(),
    );
    expect(stepOf(plan, 'snapshot-volumes')?.input).toMatchObject({
      InstanceSpecification: { ExcludeBootVolume: false },
    });
    const notes = plan.notes.join('\n');
    expect(notes).toContain(
      'Not reused, since no record of the case names them (a tag is no proof): snapshots tagged with the case snap-forged (vol-0001)',
    );
    expect(notes).toContain(
      "Not used as the capture's scratch volume, since no record of the case names them: vol-0002",
    );
    expect(notes).toContain('cmd-forged');
    expect(notes).toContain(
      "The case's records: s3://evidence/cases/IR-42/runs/r/run-record.json could not be read.",
    );
  });

  test('locks new snapshots through the snapshot step output and skips snapshots already locked', () => {
    const plan = planIsolation(
      runningWebServer({
        caseSnapshots: [{ snapshotId: 'snap-1', volumeId: 'vol-0001', state: 'completed' }],
        lockedSnapshotIds: ['snap-1'],
      }),
      isolationOptions({ lockSnapshotDays: 90 }),
    );
    expect(ids(plan).filter((id) => id.startsWith('lock'))).toEqual([
      'lock-snapshot-vol-0002',
      'lock-snapshot-vol-0003',
    ]);
    expect(stepOf(plan, 'lock-snapshot-vol-0002')?.input).toEqual({
      SnapshotId: { $fromStep: 'snapshot-volumes', path: 'snapshotsByVolume.vol-0002' },
      LockMode: 'compliance',
      CoolOffPeriod: 24,
      LockDuration: 90,
    });
  });

  test('disassociates Elastic IPs only when asked, and notes them otherwise', () => {
    const described = runningWebServer({
      addresses: [
        { publicIp: '198.51.100.7', allocationId: 'eipalloc-1', associationId: 'eipassoc-1' },
      ],
    });
    expect(
      stepOf(
        planIsolation(described, isolationOptions({ disassociateEips: true })),
        'disassociate-eip-198-51-100-7',
      )?.input,
    ).toEqual({ AssociationId: 'eipassoc-1' });
    const kept = planIsolation(described, isolationOptions());
    expect(ids(kept).filter((id) => id.includes('eip'))).toEqual([]);
    expect(kept.notes.join('\n')).toMatch(/Elastic IPs stay associated \(198\.51\.100\.7\)/);
  });

  test('the NACL hard cut denies each address both ways with free low rule numbers, skipping denies already there', () => {
    const plan = planIsolation(
      runningWebServer({
        networkInterfaces: [eni('eni-0001', { ipv6Addresses: ['2001:db8::5'] })],
        subnetAcls: [
          {
            subnetId: 'subnet-0aaa',
            networkAclId: 'acl-1',
            entries: [
              { ruleNumber: 1, egress: false, ruleAction: 'allow', cidrBlock: '10.0.0.0/16' },
              { ruleNumber: 2, egress: true, ruleAction: 'deny', cidrBlock: '10.0.1.5/32' },
            ],
          },
        ],
      }),
      isolationOptions({ naclHardCut: true }),
    );
    const cuts = plan.steps
      .filter((step) => step.action === 'ec2:CreateNetworkAclEntry')
      .map((step) => step.input);
    expect(cuts).toEqual([
      {
        NetworkAclId: 'acl-1',
        RuleNumber: 2,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '10.0.1.5/32',
      },
      {
        NetworkAclId: 'acl-1',
        RuleNumber: 3,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        Ipv6CidrBlock: '2001:db8::5/128',
      },
      {
        NetworkAclId: 'acl-1',
        RuleNumber: 1,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: true,
        Ipv6CidrBlock: '2001:db8::5/128',
      },
    ]);
    expect(plan.notes[0]).toMatch(/^containment: hard — network ACL/);
  });

  describe('memory capture', () => {
    const tool = {
      bucket: 'evidence',
      expectedOwner: '123456789012',
      key: 'tools/avml',
      sha256: 'ab'.repeat(32),
      imagePrefix: `cases/IR-42/memory/${FIXTURE.instanceId}/`,
    };
    const capturable = (overrides = {}) =>
      runningWebServer({
        captureTool: tool,
        memorySizeMiB: 16_384,
        ssm: { pingStatus: 'Online', platformType: 'Linux', captureCommandIds: [] },
        groups: {
          [FIXTURE.vpcId]: {
            ...runningWebServer().groups[FIXTURE.vpcId],
            memoryCapture: {
              groupId: FIXTURE.captureGroupId,
              groupName: 'pyjamas-memory-capture',
              vpcId: FIXTURE.vpcId,
              ingressRules: 0,
              egressRules: 2,
              allowsAllTraffic: false,
            },
          },
        },
        ...overrides,
      });
    const capture = { captureMemory: { bucketRegion: 'us-east-1', timeoutSeconds: 3600 } };

    test("writes a member account's image under the prefix the evidence store maps its case to", () => {
      const member = {
        ...tool,
        imagePrefix: `cases/444455556666/IR-42/memory/${FIXTURE.instanceId}/`,
      };
      const plan = planIsolation(capturable({ captureTool: member }), isolationOptions(capture));
      expect(stepOf(plan, 'start-memory-capture')?.input).toMatchObject({
        MemoryCapture: {
          expectedOwner: '123456789012',
          toolKey: 'tools/avml',
          imageKey: `cases/444455556666/IR-42/memory/${FIXTURE.instanceId}/20260131T120000Z.lime`,
        },
      });
    });

    test('comes after the snapshots, on a scratch volume of its own, with the network swap keeping the capture path', () => {
      const plan = planIsolation(capturable(), isolationOptions(capture));
      expect(stepOf(plan, 'isolate-eni-eni-0001')?.input).toEqual({
        NetworkInterfaceId: 'eni-0001',
        Groups: [FIXTURE.isolationGroupId, FIXTURE.captureGroupId],
      });
      expect(ids(plan).slice(-3)).toEqual([
        'create-memory-scratch-volume',
        'attach-memory-scratch-volume',
        'start-memory-capture',
      ]);
      expect(ids(plan).indexOf('snapshot-volumes')).toBeLessThan(
        ids(plan).indexOf('create-memory-scratch-volume'),
      );
      expect(stepOf(plan, 'create-memory-scratch-volume')?.input).toMatchObject({
        AvailabilityZone: 'us-east-1a',
        Size: 19,
        Encrypted: true,
      });
      expect(stepOf(plan, 'attach-memory-scratch-volume')?.input).toEqual({
        VolumeId: { $fromStep: 'create-memory-scratch-volume', path: 'VolumeId' },
        InstanceId: FIXTURE.instanceId,
        Device: '/dev/sdp',
      });
      expect(stepOf(plan, 'start-memory-capture')?.input).toMatchObject({
        InstanceIds: [FIXTURE.instanceId],
        DocumentName: 'AWS-RunShellScript',
        MemoryCapture: {
          bucket: 'evidence',
          expectedOwner: '123456789012',
          toolSha256: tool.sha256,
          imageKey: `cases/IR-42/memory/${FIXTURE.instanceId}/20260131T120000Z.lime`,
          partMiB: 64,
          maxParts: 273,
          scratchVolumeId: { $fromStep: 'create-memory-scratch-volume', path: 'VolumeId' },
          scratchDevice: '/dev/sdp',
          urlExpirySeconds: 4200,
        },
      });
    });

    test('reuses the scratch volume already attached, and keeps it out of the snapshots', () => {
      const plan = planIsolation(
        capturable({
          caseSnapshots: [],
          memoryScratch: {
            volumeId: 'vol-scratch',
            state: 'in-use',
            attachedTo: FIXTURE.instanceId,
            device: '/dev/sdp',
          },
        }),
        isolationOptions(capture),
      );
      expect(ids(plan)).not.toContain('create-memory-scratch-volume');
      expect(ids(plan)).not.toContain('attach-memory-scratch-volume');
      expect(stepOf(plan, 'snapshot-volumes')?.input).toMatchObject({
        InstanceSpecification: { ExcludeDataVolumeIds: ['vol-scratch'] },
      });
      expect(stepOf(plan, 'start-memory-capture')?.input).toMatchObject({
        MemoryCapture: { scratchVolumeId: 'vol-scratch', scratchDevice: '/dev/sdp' },
      });
    });

    test.each([
      [
        'an agent that is offline',
        { ssm: { pingStatus: 'ConnectionLost', platformType: 'Linux', captureCommandIds: [] } },
        /online Linux SSM agent/,
      ],
      [
        'a capture already started for the case',
        { ssm: { pingStatus: 'Online', platformType: 'Linux', captureCommandIds: ['cmd-1'] } },
        /already started \(cmd-1\)/,
      ],
      ['a stopped instance', { state: 'stopped' }, /the instance is stopped/],
    ])('is skipped with a note for %s', (_name, overrides, note) => {
      const plan = planIsolation(capturable(overrides), isolationOptions(capture));
      expect(ids(plan)).not.toContain('start-memory-capture');
      expect(plan.notes.join('\n')).toMatch(note);
    });

    test.each([
      ['without the tool in the evidence bucket', { captureTool: undefined }, /no AVML binary/],
      [
        'without a capture group in the VPC',
        { groups: runningWebServer().groups },
        /no memory capture group in vpc-0aaa/,
      ],
      [
        'without the memory size of the instance type',
        { memorySizeMiB: undefined },
        /memory size of instance type .* is unknown/,
      ],
    ])('is refused %s', (_name, overrides, message) => {
      expect(() => planIsolation(capturable(overrides), isolationOptions(capture))).toThrow(
        message,
      );
    });

    test('refuses an evidence bucket in another region than the instance', () => {
      expect(() =>
        planIsolation(
          capturable(),
          isolationOptions({ captureMemory: { bucketRegion: 'eu-west-1', timeoutSeconds: 3600 } }),
        ),
      ).toThrow(/bucket is in eu-west-1, the instance in us-east-1/);
    });

    test('cannot be combined with the NACL hard cut', () => {
      expect(() =>
        planIsolation(capturable(), isolationOptions({ ...capture, naclHardCut: true })),
      ).toThrow(UsageError);
    });
  });

  test('every action of a plan with every option on is in the permission list', () => {
    const actions = isolationPlansWithEveryOption().flatMap((plan) =>
      plan.steps.flatMap((step) => [
        step.action,
        ...(step.mayAlsoCall ?? []),
        ...(step.fallback ? [step.fallback.action] : []),
        ...(step.opensWindow ? [step.opensWindow.undo.action] : []),
      ]),
    );
    expect(new Set(actions).size).toBeGreaterThanOrEqual(20);
    expect(
      actions.filter(
        (action) => !(ISOLATE_EC2_INSTANCE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});
