import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { onlyResourceOfType, synthScope } from '../../test/helpers/cdktf-jest';
import {
  ForensicWorkstationTemplate,
  type ForensicWorkstationTemplateProps,
} from './forensic-workstation-template';

const PROFILE = 'arn:aws:iam::123456789012:instance-profile/pyjamas-forensic-workstation';
const BASE: ForensicWorkstationTemplateProps = {
  subnetId: 'subnet-0123456789abcdef0',
  securityGroupIds: ['sg-0123456789abcdef0'],
  instanceProfileArn: PROFILE,
};

function synthTemplate(props: Partial<ForensicWorkstationTemplateProps> = {}): string {
  return synthScope(
    (scope) => new ForensicWorkstationTemplate(scope, 'workstation', { ...BASE, ...props }),
  );
}

describe('ForensicWorkstationTemplate', () => {
  test('waits for the AMI parameter the stack creates: EC2 refuses a template whose parameter is missing', () => {
    const synthesized = synthScope((scope) => {
      const parameter = new SsmParameter(scope, 'ami', {
        name: '/pyjamas/forensic-ami/latest',
        type: 'String',
        value: 'ami-0123456789abcdef0',
      });
      new ForensicWorkstationTemplate(scope, 'workstation', { ...BASE, amiParameter: parameter });
    });
    expect(onlyResourceOfType(synthesized, 'aws_launch_template').depends_on).toEqual([
      'aws_ssm_parameter.ami',
    ]);
    expect(onlyResourceOfType(synthTemplate(), 'aws_launch_template')).not.toHaveProperty(
      'depends_on',
    );
  });

  test('launches the latest forensic AMI from the SSM parameter with IMDSv2 required and the forensic profile', () => {
    expect(synthTemplate()).toHaveResourceWithProperties(LaunchTemplate, {
      name: 'pyjamas-forensic-workstation',
      image_id: 'resolve:ssm:/pyjamas/forensic-ami/latest',
      instance_type: 'm6i.xlarge',
      iam_instance_profile: { arn: PROFILE },
      metadata_options: {
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'disabled',
      },
      update_default_version: true,
      tags: {
        'pyjamas:component': 'forensic-workstation-template',
        'pyjamas:managed-by': 'pyjamas',
      },
    });
  });

  test('puts the workstation in the subnet and forensic group without a public address, on an encrypted volume', () => {
    const template = onlyResourceOfType(synthTemplate(), 'aws_launch_template');
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        subnet_id: 'subnet-0123456789abcdef0',
        security_groups: ['sg-0123456789abcdef0'],
        associate_public_ip_address: 'false',
        delete_on_termination: 'true',
      },
    ]);
    expect(template.block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: {
          encrypted: 'true',
          volume_size: 100,
          volume_type: 'gp3',
          delete_on_termination: 'true',
        },
      },
    ]);
    expect(template.vpc_security_group_ids).toBeUndefined();
  });

  test('tags what it launches as a forensic workstation', () => {
    const tags = { 'pyjamas:component': 'forensic-workstation', 'pyjamas:managed-by': 'pyjamas' };
    expect(onlyResourceOfType(synthTemplate(), 'aws_launch_template').tag_specifications).toEqual([
      { resource_type: 'instance', tags },
      { resource_type: 'volume', tags },
    ]);
  });

  test('takes a customer managed key, another parameter, instance type, volume size and prefix', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const template = onlyResourceOfType(
      synthTemplate({
        kmsKeyArn: key,
        amiParameterName: '/ir/forensic-ami',
        instanceType: 'r6i.2xlarge',
        rootVolumeSizeGiB: 500,
        namePrefix: 'ir',
      }),
      'aws_launch_template',
    );
    expect(template).toMatchObject({
      name: 'ir-forensic-workstation',
      image_id: 'resolve:ssm:/ir/forensic-ami',
      instance_type: 'r6i.2xlarge',
    });
    expect(template.block_device_mappings).toEqual([
      expect.objectContaining({
        ebs: expect.objectContaining({ kms_key_id: key, volume_size: 500 }),
      }),
    ]);
  });

  test.each([
    [
      { subnetId: 'private' },
      /ForensicWorkstationTemplate: subnetId must be an id like subnet-0123456789abcdef0, got "private"/,
    ],
    [
      { securityGroupIds: [] },
      /securityGroupIds must list at least one group: the forensic security group of the subnet's VPC, got \[\]/,
    ],
    [
      { securityGroupIds: ['sg-1'] },
      /securityGroupIds must be an id like sg-0123456789abcdef0, got "sg-1"/,
    ],
    [
      { instanceProfileArn: 'pyjamas-forensic-workstation' },
      /instanceProfileArn must be an instance profile ARN/,
    ],
    [{ amiParameterName: 'ssm:/forensic' }, /amiParameterName must be an SSM parameter path/],
    [{ kmsKeyArn: 'aws/ebs' }, /kmsKeyArn must be a KMS key or alias ARN, got "aws\/ebs"/],
    [
      { instanceType: 'xlarge' },
      /instanceType must be an instance type such as m6i.xlarge, got "xlarge"/,
    ],
    [{ rootVolumeSizeGiB: 8 }, /rootVolumeSizeGiB must be a whole number from 30 to 16384, got 8/],
    [{ namePrefix: '-x' }, /namePrefix must be 1 to 24 lowercase letters/],
  ])('rejects %j', (props, message) => {
    expect(() => synthTemplate(props)).toThrow(message);
  });
});
