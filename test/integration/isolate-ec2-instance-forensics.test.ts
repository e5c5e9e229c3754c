import {
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { seedForensicGroup, seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

describe('pyjamas forensics against moto', () => {
  const moto = useMotoServer();

  test('attaches copies of the case snapshots to the workstation, then opens and closes the memory path', async () => {
    // Prepare: an isolated instance with three snapshots under IR-7, a workstation, a forensic group
    const ec2 = moto.client(EC2Client);
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web', {
      autoScaling: false,
      targetGroup: false,
    });
    const forensicGroupId = await seedForensicGroup(moto, plumbing);
    const isolated = await runPyjamas(
      ['isolate-instance', web.instanceId, '--case', 'IR-7', '--region', 'us-east-1', '--yes'],
      moto.server.env,
    );
    expect(isolated.code).toBe(0);
    const workstation = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: plumbing.subnetId, Groups: [forensicGroupId] },
        ],
      }),
    );
    const workstationId = workstation.Instances?.[0]?.InstanceId as string;

    // Act
    const attach = await runPyjamas(
      [
        'forensics',
        'attach',
        '--case',
        'IR-7',
        '--workstation',
        workstationId,
        '--region',
        'us-east-1',
        '--yes',
      ],
      moto.server.env,
    );

    // Assess
    expect(attach.stdout).toMatch(/Outcome: succeeded/);
    expect(attach.code).toBe(0);
    const copies = await ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'tag:pyjamas:forensic-case', Values: ['IR-7'] }],
      }),
    );
    expect(copies.Volumes?.map((volume) => volume.Attachments?.[0]?.InstanceId)).toEqual([
      workstationId,
      workstationId,
      workstationId,
    ]);
    const again = await runPyjamas(
      [
        'forensics',
        'attach',
        '--case',
        'IR-7',
        '--workstation',
        workstationId,
        '--region',
        'us-east-1',
        '--yes',
        '--output',
        'json',
      ],
      moto.server.env,
    );
    expect((JSON.parse(again.stdout) as { plan: { steps: unknown[] } }).plan.steps).toEqual([]);

    // Act: open, then close the memory path
    const open = await runPyjamas(
      [
        'forensics',
        'open-memory-path',
        '--case',
        'IR-7',
        '--minutes',
        '30',
        '--detach',
        '--region',
        'us-east-1',
        '--yes',
      ],
      moto.server.env,
    );
    expect(open.stdout).toMatch(/Outcome: succeeded/);
    expect(open.code).toBe(0);
    // The shared isolation group stays without rules; a group of the case's own lets the
    // forensic group in, and only the case's instance holds it.
    const isolation = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [plumbing.isolationGroupId] }),
    );
    expect(isolation.SecurityGroups?.[0]?.IpPermissions ?? []).toEqual([]);
    const caseGroup = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'group-name', Values: ['pyjamas-memory-path-IR-7'] }],
        }),
      )
    ).SecurityGroups?.[0];
    expect(caseGroup?.Tags).toEqual(
      expect.arrayContaining([{ Key: 'pyjamas:case-id', Value: 'IR-7' }]),
    );
    expect(caseGroup?.IpPermissions?.[0]?.UserIdGroupPairs?.[0]?.GroupId).toBe(forensicGroupId);
    const holders = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'group-id', Values: [caseGroup?.GroupId ?? ''] }],
      }),
    );
    expect([
      ...new Set(holders.NetworkInterfaces?.map((eni) => eni.Attachment?.InstanceId)),
    ]).toEqual([web.instanceId]);
    const close = await runPyjamas(
      ['forensics', 'close-memory-path', '--case', 'IR-7', '--region', 'us-east-1', '--yes'],
      moto.server.env,
    );
    expect(close.stdout).toMatch(/Outcome: succeeded/);
    expect(close.code).toBe(0);
    const closed = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['pyjamas-memory-path-IR-7'] }],
      }),
    );
    expect(closed.SecurityGroups ?? []).toEqual([]);

    // Act: open the path for six seconds and let the command close it
    const bounded = await runPyjamas(
      [
        'forensics',
        'open-memory-path',
        '--case',
        'IR-7',
        '--minutes',
        '0.1',
        '--region',
        'us-east-1',
        '--yes',
      ],
      moto.server.env,
    );

    // Assess: two runs recorded, the path closed again
    expect(bounded.code).toBe(0);
    expect(bounded.stderr).toMatch(/stays open until .*\n[\s\S]*Closing the memory path/);
    expect(bounded.stdout.match(/Outcome: succeeded/g)).toHaveLength(2);
    const after = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['pyjamas-memory-path-IR-7'] }],
      }),
    );
    expect(after.SecurityGroups ?? []).toEqual([]);
  }, 120_000);
});
