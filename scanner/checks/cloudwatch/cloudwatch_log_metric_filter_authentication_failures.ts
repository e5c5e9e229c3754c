import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCall, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = [
  {
    ...apiCall('signin.amazonaws.com', 'ConsoleLogin'),
    eventType: 'AwsConsoleSignIn',
    errorMessage: 'Failed authentication',
    responseElements: { ConsoleLogin: 'Failure' },
  },
];

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_authentication_failures',
  title: 'Console authentication failures raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Repeated failed console sign-ins are password guessing or credential stuffing in progress; an alarm lets responders lock the targeted users before a guess succeeds.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for console authentication failures, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'console authentication failures', RECORDS),
});
