import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  onlyResourceOfType,
  policyStatements,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { ConfigRecorder, type ConfigRecorderProps } from './config-recorder';

const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1';

function synthRecorder(props: Partial<ConfigRecorderProps> = {}): string {
  return synthScope((scope) => {
    const bucket = new S3Bucket(scope, 'bucket', { bucket: 'evidence' });
    new ConfigRecorder(scope, 'config', {
      destination: {
        bucketName: bucket.bucket,
        bucketArn: bucket.arn,
        kmsKeyArn: KEY,
        deliveryDependencies: [bucket],
      },
      ...props,
    });
  });
}

describe('ConfigRecorder', () => {
  test('records every supported resource type, global ones included by default', () => {
    expect(synthRecorder()).toHaveResourceWithProperties(ConfigConfigurationRecorder, {
      name: 'pyjamas',
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
  });

  test('leaves global resources to another region when asked', () => {
    expect(synthRecorder({ recordGlobalResources: false })).toHaveResourceWithProperties(
      ConfigConfigurationRecorder,
      {
        recording_group: { all_supported: true, include_global_resource_types: false },
      },
    );
  });

  test('delivers daily snapshots to the destination bucket, encrypted with its key, once recorder and bucket exist', () => {
    expect(synthRecorder()).toHaveResourceWithProperties(ConfigDeliveryChannel, {
      s3_bucket_name: '${aws_s3_bucket.bucket.bucket}',
      s3_kms_key_arn: KEY,
      snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' },
      depends_on: [
        expect.stringMatching(/^aws_config_configuration_recorder\./),
        'aws_s3_bucket.bucket',
      ],
    });
  });

  test('turns recording on after the delivery channel exists', () => {
    expect(synthRecorder()).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, {
      is_enabled: true,
      depends_on: [expect.stringMatching(/^aws_config_delivery_channel\./)],
    });
  });

  test('creates a role with the AWS_ConfigRole policy that may write only its own Config prefix', () => {
    const synthesized = synthRecorder();
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'pyjamas-config',
      tags: expect.objectContaining({ 'pyjamas:component': 'config-recorder' }),
    });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringMatching(/:iam::aws:policy\/service-role\/AWS_ConfigRole$/),
    });
    const deliver = statementWithSid(
      policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role_policy')),
      'DeliverSnapshots',
    );
    expect(deliver.Resource).toMatch(
      /^\$\{aws_s3_bucket\.bucket\.arn\}\/AWSLogs\/\$\{data\.aws_caller_identity\.\S+\.account_id\}\/Config\/\*$/,
    );
  });

  test('uses the role given instead of creating one', () => {
    const synthesized = synthRecorder({ roleArn: 'arn:aws:iam::111111111111:role/pyjamas-config' });
    expect(synthesized).not.toHaveResource(IamRole);
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigurationRecorder, {
      role_arn: 'arn:aws:iam::111111111111:role/pyjamas-config',
    });
  });

  test.each([
    [
      { snapshotDeliveryFrequency: 'Daily' },
      /ConfigRecorder: snapshotDeliveryFrequency must be one of One_Hour, Three_Hours, Six_Hours, Twelve_Hours, TwentyFour_Hours, got "Daily"/,
    ],
    [{ namePrefix: 'Config' }, /ConfigRecorder: namePrefix must be 1 to 24 lowercase letters/],
  ])('rejects %j', (props, message) => {
    expect(() => synthRecorder(props as Partial<ConfigRecorderProps>)).toThrow(message);
  });
});
