import { CIS_MONITORED_API_CALLS } from '../../../lib/cis-monitored-api-calls';
import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCalls, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = apiCalls(CIS_MONITORED_API_CALLS.configChanges);

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled',
  title: 'AWS Config configuration changes raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Stopping the Config recorder or its delivery channel erases the configuration history responders rely on to reconstruct what an intruder changed.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for AWS Config configuration changes, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) =>
    judgeMonitoring(input, ctx, 'AWS Config configuration changes', RECORDS),
});
