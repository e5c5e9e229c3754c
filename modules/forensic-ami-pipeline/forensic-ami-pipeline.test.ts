import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { ImagebuilderDistributionConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-distribution-configuration';
import { ImagebuilderImagePipeline } from '@cdktf/provider-aws/lib/imagebuilder-image-pipeline';
import { ImagebuilderInfrastructureConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-infrastructure-configuration';
import {
  onlyResourceOfType,
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { ForensicAmiPipeline, type ForensicAmiPipelineProps } from './forensic-ami-pipeline';

const AVML_SHA = 'a'.repeat(64);
const VOLATILITY_SHA = 'b'.repeat(64);
const BASE: ForensicAmiPipelineProps = {
  subnetId: 'subnet-0123456789abcdef0',
  securityGroupIds: ['sg-0123456789abcdef0'],
  tools: { avml: { sha256: AVML_SHA }, volatility3: { wheelSha256: VOLATILITY_SHA } },
};

function synthPipeline(props: Partial<ForensicAmiPipelineProps> = {}): string {
  return synthScope(
    (scope) => new ForensicAmiPipeline(scope, 'forensic-ami', { ...BASE, ...props }),
  );
}

const TAGS = { 'pyjamas:component': 'forensic-ami-pipeline', 'pyjamas:managed-by': 'pyjamas' };

describe('ForensicAmiPipeline', () => {
  const synthesized = synthPipeline();

  test('creates the AMI parameter, seeded with the latest AL2023 AMI and its value left to the builds', () => {
    expect(onlyResourceOfType(synthesized, 'aws_ssm_parameter')).toMatchObject({
      name: '/pyjamas/forensic-ami/latest',
      type: 'String',
      data_type: 'aws:ec2:image',
      value: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\.[\w-]+\.value\}$/),
      lifecycle: { ignore_changes: ['value'] },
    });
    const seeds = (
      JSON.parse(synthesized) as { data: { aws_ssm_parameter: Record<string, { name: string }> } }
    ).data.aws_ssm_parameter;
    expect(Object.values(seeds).map((seed) => seed.name)).toEqual([
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    ]);
    expect(
      onlyResourceOfType(
        synthPipeline({ parentImage: 'ami-0123456789abcdef0' }),
        'aws_ssm_parameter',
      ).value,
    ).toBe('ami-0123456789abcdef0');
  });

  test('tells its own encrypted topic how each build ended, which the Image Builder role may use', () => {
    const topic = onlyResourceOfType(synthesized, 'aws_sns_topic');
    expect(topic).toMatchObject({
      name: 'pyjamas-forensic-ami-builds',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./),
    });
    expect(
      onlyResourceOfType(synthesized, 'aws_imagebuilder_infrastructure_configuration'),
    ).toMatchObject({
      sns_topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\./),
    });
    const grant = statementWithSid(
      policyStatements(onlyResourceOfType(synthesized, 'aws_kms_key')),
      'ImageBuilderPublishes',
    );
    expect(grant.Condition).toEqual({
      ArnEquals: {
        'aws:PrincipalArn': expect.stringMatching(
          /:role\/aws-service-role\/imagebuilder\.amazonaws\.com\/AWSServiceRoleForImageBuilder$/,
        ),
      },
    });
  });

  test('keeps the newest four AMIs and deletes older ones with their snapshots', () => {
    expect(onlyResourceOfType(synthesized, 'aws_imagebuilder_lifecycle_policy')).toMatchObject({
      resource_type: 'AMI_IMAGE',
      policy_detail: [
        {
          action: [{ type: 'DELETE', include_resources: [{ amis: true, snapshots: true }] }],
          filter: [{ type: 'COUNT', value: 4 }],
        },
      ],
      resource_selection: [{ tag_map: { 'pyjamas:component': 'forensic-ami-pipeline' } }],
    });
  });

  test('builds a Linux component whose document pins every download by SHA-256', () => {
    const component = onlyResourceOfType(synthesized, 'aws_imagebuilder_component');
    expect(component).toMatchObject({
      name: 'pyjamas-forensic-tools',
      platform: 'Linux',
      tags: TAGS,
      lifecycle: { create_before_destroy: true },
    });
    expect(component.version).toMatch(/^1\.0\.\d+$/);
    expect(component.change_description).toBe(
      'avml=0.20.0 volatility3=2.28.2 sleuthKit=4.15.0 libewf=20140817 dc3dd=7.3.1 yara=4.5.8',
    );
    const data = component.data as string;
    expect(data).toMatch(/^name: "pyjamas-forensic-tools"\n/);
    expect(data).toContain(`printf '%s  %s\\\\n' ${AVML_SHA} avml > SHA256SUMS`);
    expect(data).toContain('volatility3==2.28.2 --hash=sha256:' + VOLATILITY_SHA);
    expect(data).toContain('sha256sum --check --strict SHA256SUMS');
  });

  test('gives the component and the recipe new versions when a pin changes, so neither is rewritten in place', () => {
    const changed = synthPipeline({
      tools: {
        ...BASE.tools,
        yara: {
          version: '4.5.5',
          sha256: 'd38e30fd9c1e1c7921d1c4568262d94f5c2d6b5da139fe49572a43ffbc5c53f6',
        },
      },
    });
    const version = (text: string, type: string) => onlyResourceOfType(text, type).version;
    expect(version(changed, 'aws_imagebuilder_component')).not.toBe(
      version(synthesized, 'aws_imagebuilder_component'),
    );
    expect(version(changed, 'aws_imagebuilder_image_recipe')).not.toBe(
      version(synthesized, 'aws_imagebuilder_image_recipe'),
    );
    expect(version(synthPipeline(), 'aws_imagebuilder_image_recipe')).toBe(
      version(synthesized, 'aws_imagebuilder_image_recipe'),
    );
  });

  test('builds on the latest AWS-managed Amazon Linux 2023 image with OS updates first and an encrypted root volume', () => {
    const recipe = onlyResourceOfType(synthesized, 'aws_imagebuilder_image_recipe');
    expect(recipe).toMatchObject({
      name: 'pyjamas-forensic-workstation',
      parent_image: expect.stringMatching(
        /^arn:\$\{data\.aws_partition\.[^}]+\}:imagebuilder:\$\{data\.aws_region\.[^}]+\}:aws:image\/amazon-linux-2023-x86\/x\.x\.x$/,
      ),
      block_device_mapping: [
        {
          device_name: '/dev/xvda',
          ebs: {
            encrypted: 'true',
            volume_size: 30,
            volume_type: 'gp3',
            delete_on_termination: 'true',
          },
        },
      ],
      systems_manager_agent: { uninstall_after_build: false },
      working_directory: '/var/tmp',
      lifecycle: { create_before_destroy: true },
    });
    const components = recipe.component as { component_arn: string }[];
    expect(components[0]?.component_arn).toMatch(/:aws:component\/update-linux\/x\.x\.x$/);
    expect(components[1]?.component_arn).toMatch(/aws_imagebuilder_component\.[^.]+\.arn/);
  });

  test('runs the build in the given subnet and groups with IMDSv2 only, terminates failed builds, and refuses a public subnet', () => {
    expect(synthesized).toHaveResourceWithProperties(ImagebuilderInfrastructureConfiguration, {
      name: 'pyjamas-forensic-ami',
      subnet_id: 'subnet-0123456789abcdef0',
      security_group_ids: ['sg-0123456789abcdef0'],
      instance_types: ['t3.large'],
      terminate_instance_on_failure: true,
      instance_metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
      resource_tags: TAGS,
    });
    const infrastructure = onlyResourceOfType(
      synthesized,
      'aws_imagebuilder_infrastructure_configuration',
    );
    expect(infrastructure.logging).toBeUndefined();
    expect(infrastructure.lifecycle).toEqual({
      precondition: [
        {
          condition: expect.stringMatching(
            /^\$\{!data\.aws_subnet\.[^.]+\.map_public_ip_on_launch\}$/,
          ),
          error_message: expect.stringContaining(
            'subnet-0123456789abcdef0 assigns public IP addresses on launch',
          ),
        },
      ],
    });
    const subnets = (
      JSON.parse(synthesized) as { data: Record<string, Record<string, { id: string }>> }
    ).data.aws_subnet;
    expect(Object.values(subnets ?? {})).toEqual([
      expect.objectContaining({ id: 'subnet-0123456789abcdef0' }),
    ]);
  });

  test('gives the build instances a profile with the Image Builder and SSM managed policies only', () => {
    expect(synthesized).toHaveResourceWithProperties(IamInstanceProfile, {
      name: 'pyjamas-forensic-ami-build',
    });
    const attached = resourcesOfType(synthesized, 'aws_iam_role_policy_attachment')
      .filter((attachment) => String(attachment.role).includes('build-role'))
      .map((attachment) => attachment.policy_arn);
    expect(attached).toEqual([
      expect.stringMatching(/:iam::aws:policy\/EC2InstanceProfileForImageBuilder$/),
      expect.stringMatching(/:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
    ]);
    expect(resourcesOfType(synthesized, 'aws_iam_role_policy')).toEqual([]);
  });

  test('writes build logs to the given bucket and lets the build role put them there only', () => {
    const text = synthPipeline({
      logs: {
        bucketName: 'build-logs-bucket',
        prefix: 'ami',
        kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abcd-1234',
      },
    });
    expect(text).toHaveResourceWithProperties(ImagebuilderInfrastructureConfiguration, {
      logging: { s3_logs: { s3_bucket_name: 'build-logs-bucket', s3_key_prefix: 'ami' } },
    });
    const statements = policyStatements(onlyResourceOfType(text, 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'WriteBuildLogs')).toMatchObject({
      Action: 's3:PutObject',
      Resource: expect.stringMatching(/:s3:::build-logs-bucket\/ami\/\*$/),
    });
    expect(statementWithSid(statements, 'EncryptBuildLogs')).toMatchObject({
      Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
      Resource: 'arn:aws:kms:us-east-1:123456789012:key/abcd-1234',
    });
  });

  test('publishes each AMI id to the SSM parameter as aws:ec2:image and tags the AMI with the plumbing and tool tags', () => {
    expect(synthesized).toHaveResourceWithProperties(ImagebuilderDistributionConfiguration, {
      distribution: [
        expect.objectContaining({
          ami_distribution_configuration: expect.objectContaining({
            name: 'pyjamas-forensic-workstation-{{ imagebuilder:buildDate }}',
            ami_tags: {
              'pyjamas:component': 'forensic-ami',
              'pyjamas:managed-by': 'pyjamas',
              'pyjamas:forensic-tools':
                'avml=0.20.0 volatility3=2.28.2 sleuthKit=4.15.0 libewf=20140817 dc3dd=7.3.1 yara=4.5.8',
            },
          }),
          ssm_parameter_configuration: [
            { parameter_name: '/pyjamas/forensic-ami/latest', data_type: 'aws:ec2:image' },
          ],
        }),
      ],
    });
  });

  test('runs weekly at every scheduled time with image tests on', () => {
    expect(synthesized).toHaveResourceWithProperties(ImagebuilderImagePipeline, {
      name: 'pyjamas-forensic-ami',
      schedule: {
        schedule_expression: 'cron(0 4 ? * SUN *)',
        pipeline_execution_start_condition: 'EXPRESSION_MATCH_ONLY',
        timezone: 'Etc/UTC',
      },
      image_tests_configuration: { image_tests_enabled: true, timeout_minutes: 120 },
      status: 'ENABLED',
      tags: TAGS,
    });
  });

  test('takes a customer managed key, another parameter, parent image, schedule and start condition', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const text = synthPipeline({
      kmsKeyArn: key,
      amiParameterName: '/ir/forensic-ami',
      parentImage: 'ami-0123456789abcdef0',
      schedule: 'cron(30 1 ? * MON *)',
      startCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
      instanceTypes: ['m6i.large', 'm5.large'],
      rootVolumeSizeGiB: 64,
    });
    expect(onlyResourceOfType(text, 'aws_imagebuilder_image_recipe')).toMatchObject({
      parent_image: 'ami-0123456789abcdef0',
      block_device_mapping: [{ ebs: { kms_key_id: key, volume_size: 64 } }],
    });
    expect(text).toHaveResourceWithProperties(ImagebuilderDistributionConfiguration, {
      distribution: [
        expect.objectContaining({
          ami_distribution_configuration: expect.objectContaining({ kms_key_id: key }),
          ssm_parameter_configuration: [
            expect.objectContaining({ parameter_name: '/ir/forensic-ami' }),
          ],
        }),
      ],
    });
    expect(text).toHaveResourceWithProperties(ImagebuilderImagePipeline, {
      schedule: expect.objectContaining({
        schedule_expression: 'cron(30 1 ? * MON *)',
        pipeline_execution_start_condition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
      }),
    });
    expect(text).toHaveResourceWithProperties(ImagebuilderInfrastructureConfiguration, {
      instance_types: ['m6i.large', 'm5.large'],
    });
  });

  const avml = { sha256: AVML_SHA };
  test.each([
    [
      { subnetId: 'subnet-x' },
      /subnetId must be an id like subnet-0123456789abcdef0, got "subnet-x"/,
    ],
    [
      { securityGroupIds: [] },
      /ForensicAmiPipeline: securityGroupIds must list at least one group: the forensic security group of the subnet's VPC, got \[\]/,
    ],
    [
      { securityGroupIds: ['default'] },
      /securityGroupIds must be an id like sg-0123456789abcdef0, got "default"/,
    ],
    [{ instanceTypes: [] }, /instanceTypes must list at least one instance type/],
    [
      { instanceTypes: ['large'] },
      /instanceTypes must be a list of instance types such as t3.large, got "large"/,
    ],
    [
      { instanceTypes: ['m7g.large'] },
      /instanceTypes must be x86_64 instance types: the parent image and AVML are x86_64, Graviton is not, got "m7g.large"/,
    ],
    [{ rootVolumeSizeGiB: 8 }, /rootVolumeSizeGiB must be a whole number from 16 to 16384, got 8/],
    [
      { kmsKeyArn: 'alias/aws/ebs' },
      /kmsKeyArn must be a KMS key or alias ARN, got "alias\/aws\/ebs"/,
    ],
    [
      { schedule: 'rate(7 days)' },
      /schedule must be an Image Builder cron expression with six fields/,
    ],
    [
      { schedule: 'cron(0 4 * *)' },
      /schedule must be an Image Builder cron expression with six fields/,
    ],
    [
      { startCondition: 'WEEKLY' as never },
      /startCondition must be one of EXPRESSION_MATCH_ONLY, EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE, got "WEEKLY"/,
    ],
    [{ amiParameterName: 'forensic-ami' }, /amiParameterName must be an SSM parameter path/],
    [
      { amiParameterName: '/aws/forensic' },
      /amiParameterName must be an SSM parameter path .* not starting with 'aws' or 'ssm', got "\/aws\/forensic"/,
    ],
    [
      { parentImage: 'amazon-linux-2023' },
      /parentImage must be an Image Builder image ARN, an AMI id or ssm:<parameter name>/,
    ],
    [{ logs: { bucketName: 'Logs' } }, /logs.bucketName must be an S3 bucket name, got "Logs"/],
    [
      { logs: { bucketName: 'logs-bucket', prefix: 'a b' } },
      /logs.prefix must be an S3 key prefix without spaces, got "a b"/,
    ],
    [
      { logs: { bucketName: 'logs-bucket', kmsKeyArn: 'key' } },
      /logs.kmsKeyArn must be a KMS key ARN, got "key"/,
    ],
    [{ namePrefix: 'Pyjamas' }, /namePrefix must be 1 to 24 lowercase letters/],
    [
      { tools: { avml: { sha256: 'abc' }, volatility3: { wheelSha256: VOLATILITY_SHA } } },
      /tools.avml.sha256 must be a SHA-256 of 64 hexadecimal digits, as sha256sum prints it, got "abc"/,
    ],
    [
      {
        tools: {
          avml: { sha256: undefined as never },
          volatility3: { wheelSha256: VOLATILITY_SHA },
        },
      },
      /tools.avml.sha256 must be given: no checksum of this file could be verified for a default/,
    ],
    [
      { tools: { avml, volatility3: { wheelSha256: undefined as never } } },
      /tools.volatility3.wheelSha256 must be given/,
    ],
    [
      {
        tools: {
          avml,
          volatility3: { wheelSha256: VOLATILITY_SHA },
          sleuthKit: { version: '4.14.0' },
        },
      },
      /tools.sleuthKit.sha256 must be given with tools.sleuthKit.version 4.14.0: the default checksum belongs to 4.15.0/,
    ],
    [
      {
        tools: {
          avml,
          volatility3: { wheelSha256: VOLATILITY_SHA },
          pefile: { version: '2023.2.7' },
        },
      },
      /tools.pefile.wheelSha256 must be given with tools.pefile.version 2023.2.7: the default checksum belongs to 2024.8.26/,
    ],
    [
      {
        tools: {
          avml: { ...avml, version: '0.20.0; rm -rf /' },
          volatility3: { wheelSha256: VOLATILITY_SHA },
        },
      },
      /tools.avml.version must be a release version/,
    ],
    [
      {
        tools: {
          avml: { ...avml, url: 'http://mirror.example/avml' },
          volatility3: { wheelSha256: VOLATILITY_SHA },
        },
      },
      /tools.avml.url must be an https:\/\/ address without spaces or quotes, got "http:\/\/mirror.example\/avml"/,
    ],
    [
      {
        tools: {
          avml,
          volatility3: { wheelSha256: VOLATILITY_SHA },
          yara: { url: "https://mirror.example/yara'.tar.gz" },
        },
      },
      /tools.yara.url must be an https:\/\/ address without spaces or quotes/,
    ],
    [
      { tools: { avml, volatility3: { wheelSha256: VOLATILITY_SHA }, pythonIndexUrl: 'pypi.org' } },
      /tools.pythonIndexUrl must be an https:\/\/ address/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthPipeline(props as Partial<ForensicAmiPipelineProps>)).toThrow(message);
  });
});
