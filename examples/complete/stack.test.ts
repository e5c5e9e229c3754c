import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { PLUMBING_SERVICES } from '../../modules/shared/aws-provider';
import { resourcesOfType, withTestApp } from '../../test/helpers/cdktf-jest';
import { CompleteStack, EMULATOR_GAPS, type CompleteStackOptions } from './stack';

const REGIONS = [{ region: 'us-east-1', defaultVpc: true }, { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] }];

function synthComplete(options: Partial<CompleteStackOptions> = {}): string {
  return withTestApp((app) => Testing.synth(new CompleteStack(app, 'complete', { regions: REGIONS, ...options })));
}

function providers(synthesized: string): Record<string, unknown>[] {
  return (JSON.parse(synthesized) as { provider: { aws: Record<string, unknown>[] } }).provider.aws;
}

describe('the complete example', () => {
  test('uses the default provider for the first region and an alias for every other region', () => {
    expect(providers(synthComplete()).map((provider) => [provider.region, provider.alias])).toEqual([
      ['us-east-1', undefined],
      ['eu-west-1', 'eu-west-1'],
    ]);
  });

  test('looks the default VPC up where asked and protects the VPCs listed', () => {
    const synthesized = synthComplete();
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(resourcesOfType(synthesized, 'aws_flow_log').map((flowLog) => flowLog.vpc_id).sort()).toEqual([
      '${data.aws_vpc.default-vpc-us-east-1.id}',
      'vpc-0aaaaaaaaaaaaaaaa',
    ]);
  });

  test('deploys to AWS with every resource, including those an emulator lacks', () => {
    const synthesized = synthComplete();
    for (const gap of EMULATOR_GAPS) expect(resourcesOfType(synthesized, gap.resource)).not.toEqual([]);
    expect(synthesized).not.toHaveProviderWithProperties(AwsProvider, { max_retries: 2 });
  });

  test('points every service at an emulator with fake credentials and few retries when asked', () => {
    const synthesized = synthComplete({ emulatorEndpoint: 'http://127.0.0.1:5000' });
    for (const provider of providers(synthesized)) {
      expect(provider).toMatchObject({ access_key: 'testing', secret_key: 'testing', max_retries: 2, s3_use_path_style: true, skip_credentials_validation: true });
      expect(provider.endpoints).toEqual([Object.fromEntries(PLUMBING_SERVICES.map((service) => [service, 'http://127.0.0.1:5000']))]);
    }
  });

  test.each(EMULATOR_GAPS.map((gap) => [gap.resource, gap.reason]))('leaves %s out on an emulator because %s', (resource) => {
    expect(resourcesOfType(synthComplete({ emulatorEndpoint: 'http://127.0.0.1:5000' }), resource)).toEqual([]);
  });

  test('outputs what responders and operators need', () => {
    const outputs = Object.keys((JSON.parse(synthComplete()) as { output: Record<string, unknown> }).output);
    expect(outputs.sort()).toEqual([
      'alarm_topic_arn',
      'evidence_bucket_arn',
      'evidence_bucket_name',
      'evidence_kms_key_arn',
      'forensic_instance_profile_arn',
      'quarantine_instance_profile_arn',
      'quarantine_role_arn',
      'regions',
      'trail_arn',
    ]);
  });
});
