import { Testing } from 'cdktf';
import { resourcesOfType, withTestApp } from '../../test/helpers/cdktf-jest';
import { MinimalStack } from './stack';

function synthMinimal(): string {
  return withTestApp((app) =>
    Testing.synth(
      new MinimalStack(app, 'minimal', {
        target: { region: 'eu-west-1', defaultVpc: true, vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
      }),
    ),
  );
}

describe('the minimal example', () => {
  test('creates the evidence bucket and the isolation groups of each VPC, and nothing else', () => {
    const types = Object.keys(
      (JSON.parse(synthMinimal()) as { resource: Record<string, unknown> }).resource,
    ).sort();
    expect(
      types.filter((type) => !type.startsWith('aws_s3_bucket') && !type.startsWith('aws_kms_')),
    ).toEqual(['aws_security_group']);
    expect(
      resourcesOfType(synthMinimal(), 'aws_security_group').map((group) => group.vpc_id),
    ).toEqual([
      '${data.aws_vpc.default-vpc-eu-west-1.id}',
      '${data.aws_vpc.default-vpc-eu-west-1.id}',
      'vpc-0aaaaaaaaaaaaaaaa',
      'vpc-0aaaaaaaaaaaaaaaa',
    ]);
  });

  test('outputs the evidence bucket and the groups of each VPC', () => {
    const outputs = (JSON.parse(synthMinimal()) as { output: Record<string, { value: unknown }> })
      .output;
    expect(Object.keys(outputs).sort()).toEqual([
      'evidence_bucket_name',
      'evidence_kms_key_arn',
      'isolation_groups',
    ]);
    expect(Object.keys(outputs.isolation_groups?.value as object).sort()).toEqual([
      'default',
      'vpc-0aaaaaaaaaaaaaaaa',
    ]);
  });
});
