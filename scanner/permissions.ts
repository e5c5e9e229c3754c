/**
 * IAM actions the scanner needs to read an account. Collectors list the API operations they
 * call (`s3:ListBuckets`); IAM names some of them differently (`s3:ListAllMyBuckets`), so the
 * differences are mapped here. The module builds the scheduled scan's role from
 * {@link SCANNER_READ_ACTIONS}; a test proves every collector's operation maps to one of them.
 */

/**
 * Operations whose IAM action has another name. Everything not listed is authorized by the
 * action of the same name.
 */
export const IAM_ACTION_OF_OPERATION: Readonly<Record<string, string>> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  'efs:DescribeFileSystems': 'elasticfilesystem:DescribeFileSystems',
  // API Gateway authorizes reads by HTTP method on the resource path, for both API versions.
  'apigateway:GetRestApis': 'apigateway:GET',
  'apigateway:GetStages': 'apigateway:GET',
  'apigatewayv2:GetApis': 'apigateway:GET',
  'apigatewayv2:GetStages': 'apigateway:GET',
};

/** The IAM action that authorizes an operation named `service:Operation`. */
export function iamActionOf(operation: string): string {
  return IAM_ACTION_OF_OPERATION[operation] ?? operation;
}

/** Every IAM action a scan uses: identity and regions first, then each collector's reads. */
export const SCANNER_READ_ACTIONS = [
  'sts:GetCallerIdentity',
  'ec2:DescribeRegions',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'iam:GetAccountAuthorizationDetails',
  'iam:ListPolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountSummary',
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketPolicy',
  's3:GetBucketLogging',
  's3:GetAccountPublicAccessBlock',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketVersioning',
  's3:GetEncryptionConfiguration',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatus',
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
  'kms:ListKeys',
  'kms:DescribeKey',
  'kms:GetKeyRotationStatus',
  'ec2:DescribeVpcs',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeInstances',
  'ec2:GetEbsEncryptionByDefault',
  'tag:GetResources',
  'iam:ListVirtualMFADevices',
  'iam:ListServerCertificates',
  'iam:ListOrganizationsFeatures',
  'organizations:DescribeOrganization',
  'organizations:ListDelegatedAdministrators',
  'organizations:ListDelegatedServicesForAccount',
  'organizations:ListPolicies',
  'organizations:ListTargetsForPolicy',
  'organizations:ListRoots',
  'organizations:ListParents',
  'organizations:ListPoliciesForTarget',
  'organizations:DescribePolicy',
  'iam:GenerateServiceLastAccessedDetails',
  'iam:GetServiceLastAccessedDetails',
  'ec2:DescribeVolumes',
  'ec2:DescribeVpcEndpoints',
  'logs:DescribeMetricFilters',
  'cloudwatch:DescribeAlarms',
  'sns:ListSubscriptions',
  'securityhub:DescribeHub',
  'access-analyzer:ListAnalyzers',
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
  'elasticfilesystem:DescribeFileSystems',
  'macie2:GetMacieSession',
  'account:GetAlternateContact',
  'account:GetContactInformation',
  'ec2:DescribeRouteTables',
  'ec2:DescribeVpcPeeringConnections',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'lambda:GetFunctionConfiguration',
  'config:DescribeConfigRules',
  'config:ListTagsForResource',
  'config:DescribeRemediationConfigurations',
  'ssm:GetParameter',
  'ec2:DescribeImages',
  'apigateway:GET',
  'cloudfront:ListDistributions',
  'cloudfront:GetDistributionConfig',
  'logs:DescribeDeliverySources',
  'logs:DescribeDeliveries',
  'sqs:ListQueues',
  'sqs:GetQueueAttributes',
  'sns:ListTopics',
  'sns:GetTopicAttributes',
  'lambda:ListFunctions',
  'lambda:GetPolicy',
  'kms:GetKeyPolicy',
  'events:ListEventBuses',
  'cloudtrail:LookupEvents',
  'glacier:ListVaults',
  'glacier:GetVaultAccessPolicy',
  'secretsmanager:ListSecrets',
  'secretsmanager:GetResourcePolicy',
] as const;

/**
 * Actions of {@link SCANNER_READ_ACTIONS} that read values, granted on named resources only.
 * The scanner calls ssm:GetParameter for the forensic AMI parameters alone (the readiness
 * check of the forensic AMI's age); any other parameter may hold configuration or secrets, which
 * is why AWS's SecurityAudit leaves the action out.
 */
export const SCANNER_RESOURCE_SCOPED_ACTIONS = ['ssm:GetParameter'] as const;

/**
 * Parameters the scanner reads, for policies that cannot name the account: every parameter
 * under a `forensic-ami/` folder (the module's default is `/<namePrefix>/forensic-ami/latest`).
 */
export const FORENSIC_AMI_PARAMETER_RESOURCE = 'arn:*:ssm:*:*:parameter/*/forensic-ami/*';
