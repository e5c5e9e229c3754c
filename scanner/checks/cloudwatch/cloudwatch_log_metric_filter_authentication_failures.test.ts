import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_log_metric_filter_authentication_failures';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  incompletePattern:
    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") && ($.userIdentity.type = "Root") }',
  eventSet: 'console authentication failures',
});
