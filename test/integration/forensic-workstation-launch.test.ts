import {
  CreateLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { runPyjamas } from '../helpers/cli';
import { CLOSED_ENDPOINT } from '../helpers/closed-endpoint';
import { useMotoServer } from '../helpers/moto-jest';
import { seedForensicGroup, seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

const REGION = ['--region', 'us-east-1'];
const component = (value: string) => [
  { Key: 'pyjamas:component', Value: value },
  { Key: 'pyjamas:managed-by', Value: 'pyjamas' },
];

describe('pyjamas forensics launch-workstation against moto', () => {
  const moto = useMotoServer();

  test("launches the case's workstation from the template once, and attach gives it the case's volumes", async () => {
    // Prepare: an isolated instance with snapshots under IR-9, the forensic group, and a launch
    // template like the module's. moto 5.2.1 stores a `resolve:ssm:` image id verbatim and never
    // resolves it, so this template names a plain AMI id instead.
    const ec2 = moto.client(EC2Client);
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web', {
      autoScaling: false,
      targetGroup: false,
    });
    const forensicGroupId = await seedForensicGroup(moto, plumbing);
    const template = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'pyjamas-forensic-workstation',
        LaunchTemplateData: {
          ImageId: 'ami-12345678',
          InstanceType: 'm6i.xlarge',
          IamInstanceProfile: {
            Arn: 'arn:aws:iam::123456789012:instance-profile/pyjamas-forensic-workstation',
          },
          MetadataOptions: {
            HttpEndpoint: 'enabled',
            HttpTokens: 'required',
            HttpPutResponseHopLimit: 1,
          },
          NetworkInterfaces: [
            {
              DeviceIndex: 0,
              SubnetId: plumbing.subnetId,
              Groups: [forensicGroupId],
              AssociatePublicIpAddress: false,
              DeleteOnTermination: true,
            },
          ],
          BlockDeviceMappings: [
            {
              DeviceName: '/dev/xvda',
              Ebs: {
                Encrypted: true,
                VolumeSize: 100,
                VolumeType: 'gp3',
                DeleteOnTermination: true,
              },
            },
          ],
          TagSpecifications: [
            { ResourceType: 'instance', Tags: component('forensic-workstation') },
            { ResourceType: 'volume', Tags: component('forensic-workstation') },
          ],
        },
        TagSpecifications: [
          { ResourceType: 'launch-template', Tags: component('forensic-workstation-template') },
        ],
      }),
    );
    const templateId = template.LaunchTemplate?.LaunchTemplateId as string;
    const isolated = await runPyjamas(
      ['isolate-instance', web.instanceId, '--case', 'IR-9', ...REGION, '--yes'],
      moto.server.env,
    );
    expect(isolated.code).toBe(0);
    const caseWorkstations = async (): Promise<Instance[]> =>
      (
        (
          await ec2.send(
            new DescribeInstancesCommand({
              Filters: [{ Name: 'tag:pyjamas:forensic-case', Values: ['IR-9'] }],
            }),
          )
        ).Reservations ?? []
      ).flatMap((reservation) => reservation.Instances ?? []);

    // Act: launch
    const launched = await runPyjamas(
      ['forensics', 'launch-workstation', '--case', 'IR-9', ...REGION, '--yes'],
      moto.server.env,
    );

    // Assess: one running workstation from the template, in the forensic group, no public address
    expect(launched.stdout).toMatch(/Outcome: succeeded/);
    expect(launched.code).toBe(0);
    const [workstation, ...others] = await caseWorkstations();
    expect(others).toEqual([]);
    const tags = Object.fromEntries((workstation?.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
    expect(tags).toMatchObject({
      'pyjamas:forensic-case': 'IR-9',
      'pyjamas:component': 'forensic-workstation',
      'aws:ec2launchtemplate:id': templateId,
    });
    expect(workstation).toMatchObject({ State: { Name: 'running' }, SubnetId: plumbing.subnetId });
    expect(workstation?.NetworkInterfaces?.[0]?.Groups?.map((group) => group.GroupId)).toEqual([
      forensicGroupId,
    ]);
    expect(workstation?.PublicIpAddress).toBeUndefined();
    expect(launched.stdout).toContain(
      `Workstation ${workstation?.InstanceId}: pyjamas forensics attach --case IR-9`,
    );

    // Act: the same command again
    const again = await runPyjamas(
      ['forensics', 'launch-workstation', '--case', 'IR-9', ...REGION, '--yes', '--output', 'json'],
      moto.server.env,
    );

    // Assess: nothing new planned or launched, and the run still verifies the workstation
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout) as {
      plan: { steps: unknown[]; notes: string[] };
      record: { verification: { check: string; ok: boolean }[] };
    };
    expect(rerun.plan.steps).toEqual([]);
    expect(rerun.plan.notes.join('\n')).toContain(
      `already has workstation ${workstation?.InstanceId} (running)`,
    );
    expect(rerun.record.verification.every((result) => result.ok)).toBe(true);
    expect(await caseWorkstations()).toHaveLength(1);

    // Act: attach the case's snapshots, without naming the workstation
    const attach = await runPyjamas(
      ['forensics', 'attach', '--case', 'IR-9', ...REGION, '--yes'],
      moto.server.env,
    );

    // Assess: a copy of every snapshot of the case is attached to the launched workstation
    expect(attach.stdout).toMatch(/Outcome: succeeded/);
    expect(attach.code).toBe(0);
    const copies = await ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'tag:pyjamas:forensic-case', Values: ['IR-9'] }],
      }),
    );
    expect(copies.Volumes?.length).toBeGreaterThan(0);
    expect(new Set(copies.Volumes?.map((volume) => volume.Attachments?.[0]?.InstanceId))).toEqual(
      new Set([workstation?.InstanceId]),
    );
  }, 120_000);

  test('refuses a malformed subnet before any AWS call', async () => {
    const result = await runPyjamas(
      [
        'forensics',
        'launch-workstation',
        '--case',
        'IR-9',
        '--subnet',
        'private-a',
        ...REGION,
        '--yes',
      ],
      { ...moto.server.env, AWS_ENDPOINT_URL: CLOSED_ENDPOINT },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--subnet takes an id like subnet-0123456789abcdef0, got "private-a"',
    );
  });
});
