import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_log_metric_filter_root_usage';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  incompletePattern: '{ $.userIdentity.type = "Root" && $.eventType = "AwsConsoleSignIn" }',
  eventSet: 'use of the root user',
});
