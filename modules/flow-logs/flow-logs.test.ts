import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { onlyResourceOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { FlowLogs, type FlowLogsProps } from './flow-logs';

const VPC = 'vpc-0123456789abcdef0';

function synthFlowLogs(props: Partial<FlowLogsProps> = {}): string {
  return synthScope((scope) => {
    const bucket = new S3Bucket(scope, 'bucket', { bucket: 'evidence' });
    new FlowLogs(scope, 'flow-logs', {
      vpcId: VPC,
      destination: {
        bucketName: bucket.bucket,
        bucketArn: bucket.arn,
        kmsKeyArn: 'key',
        deliveryDependencies: [bucket],
      },
      ...props,
    });
  });
}

describe('FlowLogs', () => {
  test('records all traffic of the VPC to the plain ARN of the destination bucket, tagged for responders', () => {
    expect(synthFlowLogs()).toHaveResourceWithProperties(FlowLog, {
      vpc_id: VPC,
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: '${aws_s3_bucket.bucket.arn}',
      max_aggregation_interval: 600,
      tags: { 'pyjamas:component': 'flow-logs', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('waits until the destination bucket is ready', () => {
    expect(onlyResourceOfType(synthFlowLogs(), 'aws_flow_log').depends_on).toEqual([
      'aws_s3_bucket.bucket',
    ]);
  });

  test('aggregates over one minute when asked', () => {
    expect(synthFlowLogs({ maxAggregationIntervalSeconds: 60 })).toHaveResourceWithProperties(
      FlowLog,
      { max_aggregation_interval: 60 },
    );
  });

  test.each([
    [{ vpcId: 'vpc-x' }, /FlowLogs: vpcId must be an id like vpc-0123456789abcdef0, got "vpc-x"/],
    [
      { maxAggregationIntervalSeconds: 300 },
      /FlowLogs: maxAggregationIntervalSeconds must be one of 60, 600, got 300/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthFlowLogs(props)).toThrow(message);
  });
});
