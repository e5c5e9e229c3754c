import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_changes_to_network_gateways_alarm_configured';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway)) }',
  incompletePattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway)) }',
  eventSet: 'network gateway changes',
});
