import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCall, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = [
  {
    ...apiCall('signin.amazonaws.com', 'ConsoleLogin'),
    eventType: 'AwsConsoleSignIn',
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'No' },
  },
];

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_sign_in_without_mfa',
  title: 'Console sign-ins without MFA raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'A console sign-in without MFA is how a phished or reused password is used; an alarm on it is often the first and only sign that an account was taken over.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for console sign-ins without MFA, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'console sign-ins without MFA', RECORDS),
});
