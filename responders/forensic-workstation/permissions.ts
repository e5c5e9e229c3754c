/**
 * Every IAM action the forensic workstation commands use (attach copies, open and close the
 * memory path), reads first; `s3:*` and `sts:GetCallerIdentity` cover the evidence the core writes.
 */
export const FORENSIC_WORKSTATION_ACTIONS = [
  'sts:GetCallerIdentity',
  'tag:GetResources',
  's3:GetBucketLocation',
  's3:GetObject',
  's3:ListBucket',
  's3:PutObject',
  'ec2:DescribeInstances',
  'ec2:DescribeSnapshots',
  'ec2:DescribeVolumes',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:CreateVolume',
  'ec2:CreateTags',
  'ec2:AttachVolume',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
] as const;
