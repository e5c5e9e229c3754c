import { CIS_MONITORED_API_CALLS } from '../../../lib/cis-monitored-api-calls';
import { defineCheck } from '../../model/check';
import { MONITORING_NEEDS, apiCalls, judgeMonitoring } from './monitoring';

/** One CloudTrail record of each event the benchmark's filter for this control must match. */
const RECORDS = apiCalls(CIS_MONITORED_API_CALLS.s3BucketPolicyChanges);

export default defineCheck({
  id: 'cloudwatch_log_metric_filter_for_s3_bucket_policy_changes',
  title: 'S3 bucket policy and ACL changes raise an alarm that reaches a subscriber',
  service: 'cloudwatch',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Changing a bucket policy or ACL is how data is opened to the world or to an outside account for exfiltration; an alarm shows it while it can still be reverted.',
  remediation:
    "Create a metric filter on the CloudWatch Logs group of a multi-region trail with the benchmark's pattern for S3 bucket policy changes, an alarm on its metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm's action.",
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  ],
  needs: MONITORING_NEEDS,
  evaluate: (input, ctx) => judgeMonitoring(input, ctx, 'S3 bucket policy changes', RECORDS),
});
