import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBackend, TerraformStack } from 'cdktf';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ForensicWorkstationTemplate } from '../../modules/forensic-workstation-template/forensic-workstation-template';
import { plumbingProvider } from '../../modules/shared/aws-provider';
import { AWS_PROVIDER_VERSION, synthesizeStack } from '../../examples/terraform-stack';
import { useMotoServer } from '../helpers/moto-jest';
import {
  offlineTerraformEnv,
  TerraformWorkspace,
  writeOfflineCliConfig,
} from '../../lib/terraform/workspace';

const PROFILE = 'arn:aws:iam::123456789012:instance-profile/pyjamas-forensic-workstation';

describe('the forensic workstation launch template applied to moto', () => {
  const moto = useMotoServer();
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-workstation-template-'));

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("applies, plans no change but moto's echo of the template tags, and reads back as the template responders find by tag", async () => {
    // Prepare: a VPC, a private subnet and a forensic group for the template to point at
    const ec2 = moto.client(EC2Client);
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc
      ?.VpcId as string;
    const subnetId = (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.20.1.0/24',
          AvailabilityZone: 'us-east-1a',
        }),
      )
    ).Subnet?.SubnetId as string;
    const groupId = (
      await ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: vpcId,
          GroupName: 'pyjamas-forensic',
          Description: 'forensic',
        }),
      )
    ).GroupId as string;
    const folder = synthesizeStack(join(work, 'cdktf.out'), (app) => {
      const stack = new TerraformStack(app, 'workstation-template');
      new LocalBackend(stack, { path: join(work, 'terraform.tfstate') });
      plumbingProvider(stack, 'aws', {
        region: 'us-east-1',
        emulatorEndpoint: moto.server.endpoint,
      });
      new ForensicWorkstationTemplate(stack, 'forensic-workstation-template', {
        subnetId,
        securityGroupIds: [groupId],
        instanceProfileArn: PROFILE,
      });
      return stack;
    });
    const workspace = new TerraformWorkspace(
      folder,
      offlineTerraformEnv(writeOfflineCliConfig(work, AWS_PROVIDER_VERSION), moto.server.env),
    );

    // Act
    await workspace.init();
    await workspace.apply();
    const plan = await workspace.plan();

    // Assess: moto 5.2.1 returns the template's own tags (resource type launch-template) inside
    // its launch data, which AWS does not, so a second plan on moto wants to drop that tag
    // specification and nothing else.
    const changed = plan.output
      .split('\n')
      .filter(
        (line) =>
          /^\s+[~+-] /.test(line) &&
          !line.includes('resource "aws_launch_template"') &&
          line.trim() !== '~ update in-place',
      );
    expect(changed.map((line) => line.trim().replace(/\s+/g, ' '))).toEqual(
      plan.noChanges
        ? []
        : [
            '~ default_version = 1 -> (known after apply)',
            '~ latest_version = 1 -> (known after apply)',
            '- tag_specifications {',
            '- resource_type = "launch-template" -> null',
            '- tags = {',
            '- "pyjamas:component" = "forensic-workstation-template"',
            '- "pyjamas:managed-by" = "pyjamas"',
          ],
    );
    const templates = await ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [{ Name: 'tag:pyjamas:component', Values: ['forensic-workstation-template'] }],
      }),
    );
    expect(templates.LaunchTemplates?.map((template) => template.LaunchTemplateName)).toEqual([
      'pyjamas-forensic-workstation',
    ]);
    const versions = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: templates.LaunchTemplates?.[0]?.LaunchTemplateId,
        Versions: ['$Default'],
      }),
    );
    expect(versions.LaunchTemplateVersions?.[0]?.LaunchTemplateData).toMatchObject({
      ImageId: 'resolve:ssm:/pyjamas/forensic-ami/latest',
      IamInstanceProfile: { Arn: PROFILE },
      MetadataOptions: { HttpTokens: 'required' },
      NetworkInterfaces: [
        expect.objectContaining({
          DeviceIndex: 0,
          SubnetId: subnetId,
          Groups: [groupId],
          AssociatePublicIpAddress: false,
        }),
      ],
      BlockDeviceMappings: [
        expect.objectContaining({
          DeviceName: '/dev/sda1',
          Ebs: expect.objectContaining({ Encrypted: true, VolumeSize: 100 }),
        }),
      ],
    });
  }, 240_000);
});
