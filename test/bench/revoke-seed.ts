import type { IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  PutObjectLockConfigurationCommand,
} from '@aws-sdk/client-s3';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';

/** What {@link seedCompromisedUser} made. */
export interface SeededUser {
  readonly userName: string;
  /** The key to revoke. */
  readonly compromisedKey: string;
  /** The user's second key, which a run leaves alone unless told otherwise. */
  readonly otherKey: string;
  /** The user's existing inline policy. */
  readonly policyName: string;
}

/** An IAM user with two access keys and an inline policy of its own. */
export async function seedCompromisedUser(iam: IAMClient, userName: string): Promise<SeededUser> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const first = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const second = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const policyName = 'read-reports';
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: policyName,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
        ],
      }),
    }),
  );
  return {
    userName,
    compromisedKey: first.AccessKey?.AccessKeyId ?? '',
    otherKey: second.AccessKey?.AccessKeyId ?? '',
    policyName,
  };
}

/** An evidence bucket as the module deploys it: Object Lock in COMPLIANCE mode, found by its tag. */
export async function seedEvidenceBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
      },
    }),
  );
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: bucket,
      Tagging: { TagSet: [{ Key: PLUMBING_TAG_KEY, Value: PLUMBING_COMPONENTS.evidenceBucket }] },
    }),
  );
}
