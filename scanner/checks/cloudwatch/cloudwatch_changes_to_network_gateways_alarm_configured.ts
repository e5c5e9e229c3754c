import { CIS_MONITORED_API_CALLS } from '../../../lib/cis-monitored-api-calls';
import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCalls, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = apiCalls(CIS_MONITORED_API_CALLS.networkGatewayChanges);

export default defineCheck({
  id: 'cloudwatch_changes_to_network_gateways_alarm_configured',
  title: 'Network gateway changes raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'A new internet or customer gateway gives a private network a path out; an alarm shows an exfiltration route being built.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for network gateway changes, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'network gateway changes', RECORDS),
});
