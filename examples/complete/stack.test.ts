import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { PLUMBING_SERVICES } from '../../modules/shared/aws-provider';
import { resourcesOfType, withTestApp } from '../../test/helpers/cdktf-jest';
import { CompleteStack, EMULATOR_GAPS, type CompleteStackOptions } from './stack';

const REGIONS = [
  { region: 'us-east-1', defaultVpc: true },
  { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
];
const FORENSIC_AMI = {
  vpc: 'default',
  subnetId: 'subnet-0aaaaaaaaaaaaaaaa',
  tools: { avml: { sha256: 'a'.repeat(64) }, volatility3: { wheelSha256: 'b'.repeat(64) } },
};

function synthComplete(options: Partial<CompleteStackOptions> = {}): string {
  return withTestApp((app) =>
    Testing.synth(
      new CompleteStack(app, 'complete', {
        regions: REGIONS,
        forensicAmi: FORENSIC_AMI,
        ...options,
      }),
    ),
  );
}

function outputNames(synthesized: string): string[] {
  return Object.keys(
    (JSON.parse(synthesized) as { output: Record<string, unknown> }).output,
  ).sort();
}

function providers(synthesized: string): Record<string, unknown>[] {
  return (JSON.parse(synthesized) as { provider: { aws: Record<string, unknown>[] } }).provider.aws;
}

describe('the complete example', () => {
  test('uses the default provider for the first region and an alias for every other region', () => {
    expect(providers(synthComplete()).map((provider) => [provider.region, provider.alias])).toEqual(
      [
        ['us-east-1', undefined],
        ['eu-west-1', 'eu-west-1'],
      ],
    );
  });

  test('finds VPCs by their Name tag at plan time, with no VPC id and no default VPC', () => {
    const synthesized = synthComplete({
      regions: [{ region: 'us-east-1', vpcNames: ['workloads'] }],
      forensicAmi: undefined,
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, { tags: { Name: 'workloads' } });
    expect(synthesized).not.toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(resourcesOfType(synthesized, 'aws_flow_log').map((flowLog) => flowLog.vpc_id)).toEqual([
      '${data.aws_vpc.vpc-us-east-1-workloads.id}',
    ]);
  });

  test('looks the default VPC up where asked and protects the VPCs listed', () => {
    const synthesized = synthComplete();
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(
      resourcesOfType(synthesized, 'aws_flow_log')
        .map((flowLog) => flowLog.vpc_id)
        .sort(),
    ).toEqual(['${data.aws_vpc.default-vpc-us-east-1.id}', 'vpc-0aaaaaaaaaaaaaaaa']);
  });

  test('deploys to AWS with every resource, including those an emulator lacks', () => {
    const synthesized = synthComplete();
    for (const gap of EMULATOR_GAPS)
      expect(resourcesOfType(synthesized, gap.resource)).not.toEqual([]);
    expect(synthesized).not.toHaveProviderWithProperties(AwsProvider, { max_retries: 2 });
  });

  test('points every service at an emulator with fake credentials and few retries when asked', () => {
    const synthesized = synthComplete({ emulatorEndpoint: 'http://127.0.0.1:5000' });
    for (const provider of providers(synthesized)) {
      expect(provider).toMatchObject({
        access_key: 'testing',
        secret_key: 'testing',
        max_retries: 2,
        s3_use_path_style: true,
        skip_credentials_validation: true,
      });
      expect(provider.endpoints).toEqual([
        Object.fromEntries(PLUMBING_SERVICES.map((service) => [service, 'http://127.0.0.1:5000'])),
      ]);
    }
  });

  test.each(EMULATOR_GAPS.map((gap) => [gap.resource, gap.reason]))(
    'leaves %s out on an emulator because %s',
    (resource) => {
      expect(
        resourcesOfType(synthComplete({ emulatorEndpoint: 'http://127.0.0.1:5000' }), resource),
      ).toEqual([]);
    },
  );

  test('outputs what responders and operators need', () => {
    expect(outputNames(synthComplete())).toEqual([
      'alarm_topic_arn',
      'evidence_bucket_arn',
      'evidence_bucket_name',
      'evidence_kms_key_arn',
      'forensic_ami_parameter_name',
      'forensic_ami_pipeline_arn',
      'forensic_instance_profile_arn',
      'forensic_workstation_launch_template_id',
      'quarantine_instance_profile_arn',
      'quarantine_role_arn',
      'regions',
      'trail_arn',
    ]);
  });

  test('builds the forensic AMI and launches the workstation in the forensic group of the VPC named, with an SSM-managed profile', () => {
    const synthesized = synthComplete();
    const groups = Object.keys(
      (JSON.parse(synthesized) as { resource: { aws_security_group: Record<string, unknown> } })
        .resource.aws_security_group,
    );
    const forensicGroup = `\${aws_security_group.${groups.find((name) => name.includes('_vpcs_default_forensic_group_'))}.id}`;
    const [infrastructure] = resourcesOfType(
      synthesized,
      'aws_imagebuilder_infrastructure_configuration',
    );
    expect(infrastructure).toMatchObject({
      subnet_id: FORENSIC_AMI.subnetId,
      security_group_ids: [forensicGroup],
    });
    const [template] = resourcesOfType(synthesized, 'aws_launch_template');
    expect(template).toMatchObject({
      image_id: 'resolve:ssm:/pyjamas/forensic-ami/latest',
      network_interfaces: [{ subnet_id: FORENSIC_AMI.subnetId, security_groups: [forensicGroup] }],
    });
    const profileRoleAttachments = resourcesOfType(
      synthesized,
      'aws_iam_role_policy_attachment',
    ).filter((attachment) => String(attachment.role).includes('forensic-profile'));
    expect(profileRoleAttachments.map((attachment) => String(attachment.policy_arn))).toEqual([
      expect.stringMatching(/:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
    ]);
  });

  test('leaves the forensic AMI and its outputs out when it is not asked for', () => {
    const synthesized = synthComplete({ forensicAmi: undefined });
    expect(resourcesOfType(synthesized, 'aws_launch_template')).toEqual([]);
    expect(outputNames(synthesized)).not.toContain('forensic_ami_pipeline_arn');
  });
});
