import { CIS_MONITORED_API_CALLS } from '../../../lib/cis-monitored-api-calls';
import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCalls, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = apiCalls(CIS_MONITORED_API_CALLS.cloudTrailChanges);

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled',
  title: 'CloudTrail configuration changes raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'high',
  resourceType: 'AwsAccount',
  risk: 'Stopping or editing a trail is the first thing a careful intruder does to blind the responders; an alarm on it preserves the chance to react before the evidence stops.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for CloudTrail configuration changes, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) =>
    judgeMonitoring(input, ctx, 'CloudTrail configuration changes', RECORDS),
});
