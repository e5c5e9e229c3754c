import { describeMonitoringCheck } from '../../../test/helpers/monitoring-check';
import check from './cloudwatch_changes_to_network_acls_alarm_configured';

describeMonitoringCheck(check, {
  benchmarkPattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation)) }',
  incompletePattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry)) }',
  eventSet: 'network ACL changes',
});
