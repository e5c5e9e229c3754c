import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) }',
  incompletePattern:
    '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging)) }',
  eventSet: 'CloudTrail configuration changes',
});
