import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  incompletePattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey)) }',
  eventSet: 'disabling or scheduled deletion of KMS keys',
});
