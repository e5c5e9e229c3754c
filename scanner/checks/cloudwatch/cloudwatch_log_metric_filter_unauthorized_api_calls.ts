import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCall, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = [
  { ...apiCall('ec2.amazonaws.com', 'RunInstances'), errorCode: 'Client.UnauthorizedOperation' },
  { ...apiCall('s3.amazonaws.com', 'GetObject'), errorCode: 'AccessDenied' },
  { ...apiCall('kms.amazonaws.com', 'Decrypt'), errorCode: 'AccessDeniedException' },
];

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_unauthorized_api_calls',
  title: 'Unauthorized API calls raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Reconnaissance with stolen credentials shows first as a burst of AccessDenied and UnauthorizedOperation errors; without an alarm nobody learns of it until the intruder finds a permission that works.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for unauthorized API calls, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'unauthorized API calls', RECORDS),
});
