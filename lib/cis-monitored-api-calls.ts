/** The CloudTrail API calls one CIS monitoring control asks an alarm for, all from one service. */
export interface MonitoredApiCalls {
  /** The `eventSource` CloudTrail writes for the service. */
  readonly eventSource: string;
  /** The `eventName`s, in the benchmark's order. */
  readonly eventNames: readonly string[];
}

/**
 * The event sets of CIS AWS Foundations Benchmark section 4 (5.x in versions 6.0 and 7.0) that are
 * lists of API calls, as the benchmark's audit gives them. One source for the module, which builds
 * its metric filters from them, and for the scanner, which proves a deployed filter matches every
 * one, so the two cannot disagree on what a control covers.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CIS_MONITORED_API_CALLS = {
  iamPolicyChanges: {
    eventSource: 'iam.amazonaws.com',
    eventNames: [
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ],
  },
  cloudTrailChanges: {
    eventSource: 'cloudtrail.amazonaws.com',
    eventNames: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'],
  },
  kmsKeyDisabledOrDeleted: {
    eventSource: 'kms.amazonaws.com',
    eventNames: ['DisableKey', 'ScheduleKeyDeletion'],
  },
  s3BucketPolicyChanges: {
    eventSource: 's3.amazonaws.com',
    eventNames: [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ],
  },
  configChanges: {
    eventSource: 'config.amazonaws.com',
    eventNames: [
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ],
  },
  securityGroupChanges: {
    eventSource: 'ec2.amazonaws.com',
    eventNames: [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ],
  },
  networkAclChanges: {
    eventSource: 'ec2.amazonaws.com',
    eventNames: [
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ],
  },
  networkGatewayChanges: {
    eventSource: 'ec2.amazonaws.com',
    eventNames: [
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ],
  },
  routeTableChanges: {
    eventSource: 'ec2.amazonaws.com',
    eventNames: [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ],
  },
  vpcChanges: {
    eventSource: 'ec2.amazonaws.com',
    eventNames: [
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ],
  },
  organizationsChanges: {
    eventSource: 'organizations.amazonaws.com',
    eventNames: [
      'AcceptHandshake',
      'AttachPolicy',
      'CreateAccount',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'DetachPolicy',
      'DisablePolicyType',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ],
  },
} as const satisfies Record<string, MonitoredApiCalls>;
