/**
 * Every IAM action `isolate-ec2-instance` uses. The module builds the responder's Lambda role
 * from {@link ISOLATE_EC2_INSTANCE_ACTIONS}; a test proves that a plan with every option on uses
 * no other action, and the module's invariant test that the role holds exactly these.
 */

/** Reading the instance and everything around it, and who is acting. */
export const ISOLATE_EC2_INSTANCE_READ_ACTIONS = [
  'sts:GetCallerIdentity',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeInstanceTypes',
  'ec2:GetConsoleOutput',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeVolumes',
  'ec2:DescribeSnapshots',
  'ec2:DescribeLockedSnapshots',
  'ec2:DescribeIamInstanceProfileAssociations',
  'ec2:DescribeAddresses',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkAcls',
  'autoscaling:DescribeAutoScalingInstances',
  'autoscaling:DescribeAutoScalingGroups',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:DescribeLoadBalancers',
  'iam:GetInstanceProfile',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'ssm:DescribeInstanceInformation',
  'ssm:ListCommands',
] as const;

/**
 * The steps' mutating calls, and `iam:PassRole`, which the profile swap needs on the quarantine
 * role besides its own action.
 */
export const ISOLATE_EC2_INSTANCE_WRITE_ACTIONS = [
  'ec2:CreateTags',
  'ec2:ModifyInstanceAttribute',
  'autoscaling:UpdateAutoScalingGroup',
  'autoscaling:EnterStandby',
  'autoscaling:DetachInstances',
  'autoscaling:SuspendProcesses',
  'elasticloadbalancing:DeregisterTargets',
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
  'ec2:CreateSecurityGroup',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:ModifyNetworkInterfaceAttribute',
  'ec2:CreateNetworkAclEntry',
  'ec2:DisassociateAddress',
  'ec2:CreateVolume',
  'ec2:AttachVolume',
  'ssm:SendCommand',
  'ec2:ReplaceIamInstanceProfileAssociation',
  'ec2:AssociateIamInstanceProfile',
  'ec2:DisassociateIamInstanceProfile',
  'iam:PassRole',
  'iam:PutRolePolicy',
  'ec2:CreateSnapshots',
  'ec2:CreateSnapshot',
  'ec2:LockSnapshot',
  'ec2:StopInstances',
] as const;

/**
 * Finding the evidence bucket by its tag, filing the run's evidence, reading the case's earlier
 * records, and reading the memory capture tool's checksum there.
 */
export const ISOLATE_EC2_INSTANCE_EVIDENCE_ACTIONS = [
  'tag:GetResources',
  's3:GetBucketLocation',
  // The bucket must be locked in COMPLIANCE mode before evidence is filed there.
  's3:GetBucketObjectLockConfiguration',
  's3:GetObject',
  // The case's records are read at the version their manifest names (GetObject with a
  // VersionId), which S3 authorizes as s3:GetObjectVersion (GetObject API reference).
  's3:GetObjectVersion',
  's3:ListBucket',
  's3:PutObject',
] as const;

/** Everything, for the Lambda role. */
export const ISOLATE_EC2_INSTANCE_ACTIONS = [
  ...ISOLATE_EC2_INSTANCE_READ_ACTIONS,
  ...ISOLATE_EC2_INSTANCE_WRITE_ACTIONS,
  ...ISOLATE_EC2_INSTANCE_EVIDENCE_ACTIONS,
] as const;

/**
 * The Config rule evaluator ("an instance tagged pyjamas:quarantine is isolated"): read the
 * instance and the tagged isolation groups, report the verdict. Its role gets nothing else.
 */
export const ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeSecurityGroups',
  'config:PutEvaluations',
] as const;
