import type { Check } from '../../model/check';
import ec2_ebs_default_encryption from './ec2_ebs_default_encryption';
import ec2_instance_imdsv2_enabled from './ec2_instance_imdsv2_enabled';
import ec2_networkacl_no_internet_ingress_to_admin_ports from './ec2_networkacl_no_internet_ingress_to_admin_ports';
import ec2_securitygroup_default_restrict_traffic from './ec2_securitygroup_default_restrict_traffic';
import ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports from './ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports';
import ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports from './ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports';
import ec2_instance_profile_attached from './ec2_instance_profile_attached';
import ec2_ebs_volume_encryption from './ec2_ebs_volume_encryption';
import ec2_securitygroup_no_internet_ingress_to_cifs from './ec2_securitygroup_no_internet_ingress_to_cifs';
import ec2_instance_in_allowed_region from './ec2_instance_in_allowed_region';

/** EC2 checks, in report order. */
export const EC2_CHECKS: readonly Check[] = [
  ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports,
  ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports,
  ec2_networkacl_no_internet_ingress_to_admin_ports,
  ec2_securitygroup_default_restrict_traffic,
  ec2_instance_imdsv2_enabled,
  ec2_ebs_default_encryption,
  ec2_instance_profile_attached,
  ec2_ebs_volume_encryption,
  ec2_securitygroup_no_internet_ingress_to_cifs,
  ec2_instance_in_allowed_region,
];
