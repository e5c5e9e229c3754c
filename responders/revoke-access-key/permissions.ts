/**
 * Every IAM action the access-key responder uses. The module builds the responder's Lambda role
 * from {@link REVOKE_ACCESS_KEY_ACTIONS}; a test proves that every call a run can make is listed.
 */

/** Reading the key, its owner, the roles in question and the enabled regions. */
export const REVOKE_ACCESS_KEY_READ_ACTIONS = [
  'sts:GetCallerIdentity',
  'sts:GetAccessKeyInfo',
  'iam:GetAccessKeyLastUsed',
  'iam:GetAccountSummary',
  'iam:GetUser',
  'iam:ListAccessKeys',
  'iam:ListUserPolicies',
  'iam:GetUserPolicy',
  'iam:ListAttachedUserPolicies',
  'iam:ListGroupsForUser',
  'iam:GetLoginProfile',
  'iam:ListMFADevices',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'ec2:DescribeRegions',
  'cloudtrail:LookupEvents',
  // A Config remediation names the user by its unique id, which only ListUsers resolves.
  'iam:ListUsers',
  // The key owner's blast radius, filed with the case: the account's entities, then the AWS
  // managed policies they use (ListPolicies, and GetPolicy/GetPolicyVersion above).
  'iam:GetAccountAuthorizationDetails',
  'iam:ListPolicies',
] as const;

/** The steps' mutating calls. */
export const REVOKE_ACCESS_KEY_WRITE_ACTIONS = [
  'iam:UpdateAccessKey',
  'iam:PutUserPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:AttachUserPolicy',
  'iam:DeleteLoginProfile',
  'iam:PutRolePolicy',
  'iam:TagUser',
] as const;

/** Finding the evidence bucket by its tag and filing the run's evidence in it. */
export const REVOKE_ACCESS_KEY_EVIDENCE_ACTIONS = [
  'tag:GetResources',
  's3:GetBucketLocation',
  // The bucket must be locked in COMPLIANCE mode before evidence is filed there.
  's3:GetBucketObjectLockConfiguration',
  's3:ListBucket',
  's3:GetObject',
  's3:PutObject',
  // The key owner's access-advisor report, filed in its blast radius.
  'iam:GenerateServiceLastAccessedDetails',
  'iam:GetServiceLastAccessedDetails',
] as const;

/**
 * The Config rule evaluator ("an access key tagged compromised is inactive and its sessions
 * denied"): find the user by its unique id (or list every user, periodically), read its tags,
 * keys and session deny, report the verdict. Its role gets nothing else.
 */
export const REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS = [
  'iam:ListUsers',
  'iam:GetUser',
  'iam:ListAccessKeys',
  'iam:GetUserPolicy',
  'iam:ListAttachedUserPolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'config:PutEvaluations',
] as const;

/** Everything, for the Lambda role. */
export const REVOKE_ACCESS_KEY_ACTIONS = [
  ...REVOKE_ACCESS_KEY_READ_ACTIONS,
  ...REVOKE_ACCESS_KEY_WRITE_ACTIONS,
  ...REVOKE_ACCESS_KEY_EVIDENCE_ACTIONS,
] as const;
