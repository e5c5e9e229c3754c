import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { Construct } from 'constructs';
import {
  onlyResourceOfType,
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { CIS_METRIC_FILTERS } from './cis-metric-filters';
import { Trail, type TrailProps } from './trail';

function destination(scope: Construct) {
  const bucket = new S3Bucket(scope, 'bucket', { bucket: 'evidence' });
  return {
    bucketName: bucket.bucket,
    bucketArn: bucket.arn,
    kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1',
    deliveryDependencies: [bucket],
  };
}

function synthTrail(props: Partial<TrailProps> = {}): string {
  return synthScope(
    (scope) => new Trail(scope, 'trail', { destination: destination(scope), ...props }),
  );
}

/** The warnings a trail adds at synth. */
function synthWarnings(props: Partial<TrailProps> = {}): string[] {
  let warnings: string[] = [];
  synthScope((scope) => {
    const trail = new Trail(scope, 'trail', { destination: destination(scope), ...props });
    warnings = trail.node.metadata
      .filter((entry) => entry.type === '@cdktf/warn')
      .map((entry) => String(entry.data));
  });
  return warnings;
}

describe('Trail', () => {
  test('warns at synth when the alarm topic has no subscriber, and not when an address is given', () => {
    expect(synthWarnings()).toEqual([
      expect.stringMatching(/pyjamas-security-alarms has no subscriber.*CIS 4\.x/),
    ]);
    expect(synthWarnings({ alarmEmailAddresses: ['soc@example.com'] })).toEqual([]);
  });

  test('refuses to destroy the key of the log group and the alarm topic unless told', () => {
    const keys = (synthesized: string) =>
      resourcesOfType(synthesized, 'aws_kms_key').map((key) => key.lifecycle);
    expect(keys(synthTrail())).toEqual([{ prevent_destroy: true }]);
    expect(keys(synthTrail({ preventDestroy: false }))).toEqual([{ prevent_destroy: false }]);
  });

  test('records management events of every region and of global services, signed and encrypted', () => {
    expect(synthTrail()).toHaveResourceWithProperties(Cloudtrail, {
      name: 'pyjamas-trail',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/1',
      event_selector: [{ read_write_type: 'All', include_management_events: true }],
      tags: { 'pyjamas:component': 'trail', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('delivers to the destination bucket once the bucket is ready, and to CloudWatch Logs', () => {
    const trail = onlyResourceOfType(synthTrail(), 'aws_cloudtrail');
    expect(trail.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.bucket\.bucket\}$/);
    expect(trail.depends_on).toEqual(expect.arrayContaining(['aws_s3_bucket.bucket']));
    expect(trail.cloud_watch_logs_group_arn).toMatch(
      /^\$\{aws_cloudwatch_log_group\.\S+\.arn\}:\*$/,
    );
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.\S+\.arn\}$/);
  });

  test('lets CloudTrail write only log streams of its own log group', () => {
    const statements = policyStatements(onlyResourceOfType(synthTrail(), 'aws_iam_role_policy'));
    expect(statements).toEqual([
      {
        Sid: 'DeliverEvents',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/\.arn\}:log-stream:\*$/),
      },
    ]);
  });

  test('keeps the log group for a year, encrypted with a rotating key CloudWatch Logs may use', () => {
    const synthesized = synthTrail();
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/pyjamas/cloudtrail',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail_alarm-key_\w+\.arn\}$/),
    });
    const key = onlyResourceOfType(synthesized, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(
      statementWithSid(policyStatements(key), 'CloudWatchLogsEncryptsLogGroups').Principal,
    ).toEqual({
      Service: expect.stringMatching(/^logs\.\$\{data\.aws_region\.\S+\.name\}\.amazonaws\.com$/),
    });
  });

  test('keeps events in CloudWatch Logs for the retention given', () => {
    expect(synthTrail({ logRetentionDays: 90 })).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 90,
    });
  });

  test('creates a metric filter with the benchmark pattern and an alarm to the topic for every CIS monitoring control', () => {
    const synthesized = synthTrail();
    const filters = resourcesOfType(synthesized, 'aws_cloudwatch_log_metric_filter');
    const alarms = resourcesOfType(synthesized, 'aws_cloudwatch_metric_alarm');
    expect(filters.map((filter) => filter.pattern).sort()).toEqual(
      CIS_METRIC_FILTERS.map((filter) => filter.pattern).sort(),
    );
    expect(CIS_METRIC_FILTERS.map((filter) => filter.cisControl)).toEqual(
      Array.from({ length: 15 }, (_, index) => `4.${index + 1}`),
    );
    for (const filter of filters) {
      const metric = filter.metric_transformation as { name: string; namespace: string };
      expect(alarms.filter((alarm) => alarm.metric_name === metric.name)).toEqual([
        expect.objectContaining({
          namespace: metric.namespace,
          threshold: 1,
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.\S+\.arn\}$/)],
        }),
      ]);
    }
  });

  test.each([
    [
      'unauthorized-api-calls',
      /\$\.errorCode\s*=\s*"?\*UnauthorizedOperation".+\$\.errorCode\s*=\s*"?AccessDenied\*"?/,
    ],
    [
      'root-account-usage',
      /\$\.userIdentity\.type\s*=\s*"?Root"?.+\$\.userIdentity\.invokedBy NOT EXISTS.+\$\.eventType\s*!=\s*"?AwsServiceEvent"?/,
    ],
    [
      'route-table-changes',
      /\$\.eventName\s*=\s*.?CreateRoute.+\$\.eventName\s*=\s*.?CreateRouteTable.+\$\.eventName\s*=\s*.?ReplaceRoute.+\$\.eventName\s*=\s*.?ReplaceRouteTableAssociation.+\$\.eventName\s*=\s*.?DeleteRouteTable.+\$\.eventName\s*=\s*.?DeleteRoute.+\$\.eventName\s*=\s*.?DisassociateRouteTable.?/,
    ],
  ])('writes the %s pattern so that benchmark auditing tools recognise it', (id, auditRegex) => {
    expect(CIS_METRIC_FILTERS.find((filter) => filter.id === id)?.pattern).toMatch(auditRegex);
  });

  test('notifies an encrypted topic tagged for responders, with the email subscriptions given', () => {
    const synthesized = synthTrail({ alarmEmailAddresses: ['soc@example.com'] });
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'pyjamas-security-alarms',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.\S+\.arn\}$/),
      tags: expect.objectContaining({ 'pyjamas:component': 'alarm-topic' }),
    });
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'soc@example.com',
    });
  });

  test('lets CloudWatch publish alarms to the encrypted topic only for its own account', () => {
    const statement = statementWithSid(
      policyStatements(onlyResourceOfType(synthTrail(), 'aws_kms_key')),
      'CloudWatchPublishesAlarms',
    );
    expect(statement).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    });
    expect(statement.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': expect.stringMatching(/account_id\}$/) },
    });
  });

  test.each([
    [
      { logRetentionDays: 100 },
      /Trail: logRetentionDays must be one of 1, 3, 5, .*, 3653, got 100/,
    ],
    [
      { alarmEmailAddresses: ['soc'] },
      /Trail: alarmEmailAddresses must be a list of email addresses, got "soc"/,
    ],
    [{ namePrefix: '-pyjamas' }, /Trail: namePrefix must be 1 to 24 lowercase letters/],
  ])('rejects %j', (props, message) => {
    expect(() => synthTrail(props)).toThrow(message);
  });
});
