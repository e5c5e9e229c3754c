import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { AwsClients } from '../../lib/aws/clients';
import type { ScanReport } from '../../scanner/report/report';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const GROUP = 'cloudtrail-events';
const ROOT_PATTERN =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

/**
 * The CIS checks moto can represent, through the CLI: the monitoring chain (trail → log group →
 * metric filter → alarm → SNS subscriber), S3 data events and MFA delete, EBS volumes and
 * Security Hub. moto confirms email subscriptions at once, which AWS does only when the
 * recipient clicks the link; and it does not enforce that MFA delete is set by root with a token.
 */
describe('pyjamas scan of the CIS controls moto can represent', () => {
  const moto = useMotoServer();
  let dir: string;
  let report: ScanReport;

  const verdict = (checkId: string, resourceId?: string) =>
    report.findings
      .filter((f) => f.checkId === checkId && (!resourceId || f.resourceId === resourceId))
      .map((f) => f.status);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-cis-'));
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    try {
      const s3 = aws.get(S3Client, REGION);
      await s3.send(new CreateBucketCommand({ Bucket: 'trail-logs' }));
      await s3.send(new CreateBucketCommand({ Bucket: 'data' }));
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket: 'data',
          VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Disabled' },
        }),
      );
      const logs = aws.get(CloudWatchLogsClient, REGION);
      await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
      await logs.send(
        new PutMetricFilterCommand({
          logGroupName: GROUP,
          filterName: 'root-usage',
          filterPattern: ROOT_PATTERN,
          metricTransformations: [
            { metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' },
          ],
        }),
      );
      const sns = aws.get(SNSClient, REGION);
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'security-alarms' }));
      await sns.send(
        new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'soc@example.com' }),
      );
      await aws.get(CloudWatchClient, REGION).send(
        new PutMetricAlarmCommand({
          AlarmName: 'root-usage',
          MetricName: 'RootUsage',
          Namespace: 'CISBenchmark',
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [TopicArn ?? ''],
        }),
      );
      const cloudtrail = aws.get(CloudTrailClient, REGION);
      await cloudtrail.send(
        new CreateTrailCommand({
          Name: 'main',
          S3BucketName: 'trail-logs',
          IsMultiRegionTrail: true,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}:*`,
          CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-logs`,
        }),
      );
      await cloudtrail.send(new StartLoggingCommand({ Name: 'main' }));
      await cloudtrail.send(
        new PutEventSelectorsCommand({
          TrailName: 'main',
          EventSelectors: [
            { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] },
            {
              ReadWriteType: 'WriteOnly',
              IncludeManagementEvents: false,
              DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
            },
          ],
        }),
      );
      const ec2 = aws.get(EC2Client, REGION);
      await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1 }));
      await ec2.send(
        new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1, Encrypted: true }),
      );
      await aws.get(SecurityHubClient, REGION).send(new EnableSecurityHubCommand({}));
    } finally {
      aws.destroy();
    }
    const run = await runPyjamas(
      [
        'scan',
        '--regions',
        REGION,
        '--checks',
        [
          'cloudwatch_log_metric_filter_root_usage',
          'cloudwatch_log_metric_filter_policy_changes',
          'cloudtrail_s3_dataevents_write_enabled',
          'cloudtrail_s3_dataevents_read_enabled',
          's3_bucket_no_mfa_delete',
          'ec2_ebs_volume_encryption',
          'securityhub_enabled',
        ].join(','),
        '--output',
        'json',
        '--output-file',
        join(dir, 'report.json'),
      ],
      moto.server.env,
    );
    expect(run.code).toBe(1);
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ScanReport;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('passes root-usage monitoring and fails IAM policy monitoring, which has no filter', () => {
    expect(
      report.findings.find((f) => f.checkId === 'cloudwatch_log_metric_filter_root_usage'),
    ).toMatchObject({ status: 'PASS', message: expect.stringMatching(/confirmed subscriber/) });
    expect(verdict('cloudwatch_log_metric_filter_policy_changes')).toEqual(['FAIL']);
  });

  test('passes write data events and fails read data events of a WriteOnly selector', () => {
    expect(verdict('cloudtrail_s3_dataevents_write_enabled', 'data')).toEqual(['PASS']);
    expect(verdict('cloudtrail_s3_dataevents_read_enabled', 'data')).toEqual(['FAIL']);
  });

  test('fails a bucket versioned without MFA delete', () => {
    expect(verdict('s3_bucket_no_mfa_delete', 'data')).toEqual(['FAIL']);
  });

  test('judges each EBS volume on its encryption and Security Hub as enabled', () => {
    expect(verdict('ec2_ebs_volume_encryption').sort()).toEqual(['FAIL', 'PASS']);
    expect(verdict('securityhub_enabled')).toEqual(['PASS']);
  });
});
