import { CIS_MONITORED_API_CALLS } from '../../../lib/cis-monitored-api-calls';
import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCalls, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = apiCalls(CIS_MONITORED_API_CALLS.kmsKeyDisabledOrDeleted);

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk',
  title: 'Disabling or scheduling deletion of a KMS key raises an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Disabling or deleting a customer key makes every object encrypted under it unreadable: a ransom or sabotage move that must be caught within the deletion waiting period.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for disabling or scheduled deletion of KMS keys, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) =>
    judgeMonitoring(input, ctx, 'disabling or scheduled deletion of KMS keys', RECORDS),
});
