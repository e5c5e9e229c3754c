import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCall, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = [
  { ...apiCall('iam.amazonaws.com', 'CreateAccessKey'), userIdentity: { type: 'Root' } },
  {
    ...apiCall('signin.amazonaws.com', 'ConsoleLogin'),
    eventType: 'AwsConsoleSignIn',
    userIdentity: { type: 'Root' },
  },
];

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_root_usage',
  title: 'Use of the root user raises an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'high',
  resourceType: 'AwsAccount',
  risk: 'The root user cannot be restricted by any policy; its use outside a documented break-glass procedure is a strong sign of compromise and must be seen at once.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for use of the root user, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'use of the root user', RECORDS),
});
