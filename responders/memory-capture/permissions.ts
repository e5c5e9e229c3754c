/**
 * Every IAM action `forensics finish-memory-capture` uses, reads first. `s3:PutObject` covers
 * CreateMultipartUpload, the grants, and CompleteMultipartUpload; the host's UploadPart requests
 * are signed with it too, so the signing principal needs it on the image's key.
 */
export const FINISH_MEMORY_CAPTURE_ACTIONS = [
  'sts:GetCallerIdentity',
  'tag:GetResources',
  's3:GetBucketLocation',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeVolumes',
  'ec2:DescribeSecurityGroups',
  'ssm:ListCommands',
  'ssm:GetCommandInvocation',
  's3:ListBucket',
  's3:ListMultipartUploadParts',
  's3:GetObject',
  's3:PutObject',
  'ssm:SendCommand',
  'ec2:ModifyNetworkInterfaceAttribute',
  'ec2:DetachVolume',
  'ec2:DeleteVolume',
] as const;
