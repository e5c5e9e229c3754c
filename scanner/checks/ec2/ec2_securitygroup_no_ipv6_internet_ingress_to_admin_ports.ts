import { defineCheck } from '../../model/check';
import { judgeAdminPortExposure } from './security-group-exposure';

export default defineCheck({
  id: 'ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports',
  title: 'No security group allows ingress from ::/0 to SSH (22) or RDP (3389)',
  service: 'ec2',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  risk: 'SSH and RDP open to every IPv6 address are as exposed as over IPv4, and IPv6 rules are often forgotten when IPv4 ones are tightened.',
  remediation:
    'Remove the ::/0 rules to ports 22 and 3389 (TCP, UDP or all protocols) and reach instances through Session Manager or from known address ranges.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  needs: ['securityGroups'],
  evaluate: ({ securityGroups }, ctx) => judgeAdminPortExposure(securityGroups, ctx, 'ipv6'),
});
