import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_log_metric_filter_unauthorized_api_calls';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  incompletePattern: '{ $.errorCode = "*UnauthorizedOperation" }',
  eventSet: 'unauthorized API calls',
});
