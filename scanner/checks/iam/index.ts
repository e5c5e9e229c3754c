import iam_identity_not_created_since from './iam_identity_not_created_since';
import type { Check } from '../../model/check';
import iam_aws_attached_policy_no_administrative_privileges from './iam_aws_attached_policy_no_administrative_privileges';
import iam_customer_attached_policy_no_administrative_privileges from './iam_customer_attached_policy_no_administrative_privileges';
import iam_inline_policy_no_administrative_privileges from './iam_inline_policy_no_administrative_privileges';
import iam_no_root_access_key from './iam_no_root_access_key';
import iam_password_policy_minimum_length_14 from './iam_password_policy_minimum_length_14';
import iam_password_policy_reuse_24 from './iam_password_policy_reuse_24';
import iam_policy_attached_only_to_group_or_roles from './iam_policy_attached_only_to_group_or_roles';
import iam_root_mfa_enabled from './iam_root_mfa_enabled';
import iam_rotate_access_key_90_days from './iam_rotate_access_key_90_days';
import iam_support_role_created from './iam_support_role_created';
import iam_user_accesskey_unused from './iam_user_accesskey_unused';
import iam_user_console_access_unused from './iam_user_console_access_unused';
import iam_user_mfa_enabled_console_access from './iam_user_mfa_enabled_console_access';
import iam_user_two_active_access_key from './iam_user_two_active_access_key';
import iam_root_hardware_mfa_enabled from './iam_root_hardware_mfa_enabled';
import iam_avoid_root_usage from './iam_avoid_root_usage';
import iam_no_expired_server_certificates_stored from './iam_no_expired_server_certificates_stored';
import iam_policy_cloudshell_admin_not_attached from './iam_policy_cloudshell_admin_not_attached';
import iam_root_credentials_management_enabled from './iam_root_credentials_management_enabled';
import iam_principal_no_administrator_access from './iam_principal_no_administrator_access';
import iam_principal_no_self_escalation from './iam_principal_no_self_escalation';
import iam_principal_no_privilege_escalation_path from './iam_principal_no_privilege_escalation_path';
import iam_principal_no_passrole_any_role from './iam_principal_no_passrole_any_role';
import iam_principal_no_unrestricted_data_access from './iam_principal_no_unrestricted_data_access';
import iam_principal_no_resource_policy_rewrite from './iam_principal_no_resource_policy_rewrite';
import iam_principal_no_credential_exposure from './iam_principal_no_credential_exposure';
import iam_administrator_mfa_enabled from './iam_administrator_mfa_enabled';
import iam_role_trust_not_open from './iam_role_trust_not_open';
import iam_role_unused_90_days from './iam_role_unused_90_days';
import iam_principal_services_used_90_days from './iam_principal_services_used_90_days';

/** IAM checks, in report order. */
export const IAM_CHECKS: readonly Check[] = [
  iam_no_root_access_key,
  iam_root_mfa_enabled,
  iam_user_mfa_enabled_console_access,
  iam_password_policy_minimum_length_14,
  iam_password_policy_reuse_24,
  iam_user_console_access_unused,
  iam_user_accesskey_unused,
  iam_rotate_access_key_90_days,
  iam_user_two_active_access_key,
  iam_aws_attached_policy_no_administrative_privileges,
  iam_customer_attached_policy_no_administrative_privileges,
  iam_inline_policy_no_administrative_privileges,
  iam_policy_attached_only_to_group_or_roles,
  iam_support_role_created,
  iam_root_hardware_mfa_enabled,
  iam_avoid_root_usage,
  iam_no_expired_server_certificates_stored,
  iam_policy_cloudshell_admin_not_attached,
  iam_root_credentials_management_enabled,
  iam_principal_no_administrator_access,
  iam_principal_no_self_escalation,
  iam_principal_no_privilege_escalation_path,
  iam_principal_no_passrole_any_role,
  iam_principal_no_unrestricted_data_access,
  iam_principal_no_resource_policy_rewrite,
  iam_principal_no_credential_exposure,
  iam_administrator_mfa_enabled,
  iam_role_trust_not_open,
  iam_role_unused_90_days,
  iam_principal_services_used_90_days,
  iam_identity_not_created_since,
];
