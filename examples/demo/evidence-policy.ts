import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';

/** The evidence bucket's policy, taken off while moto cannot evaluate it. */
export interface SetAsidePolicy {
  readonly bucket: string;
  readonly region: string;
  readonly policy: string;
}

/**
 * Why the policy is set aside, for the demo to say. moto 5.2.1 evaluates a bucket policy without
 * any request context, and counts a statement whose condition it cannot evaluate as a denial:
 * DenyInsecureTransport (aws:SecureTransport) and DenyCaseEvidenceOverwrites (If-None-Match)
 * then refuse every write under cases/, over HTTP and HTTPS alike. On AWS the responders' TLS
 * writes with If-None-Match are allowed and the policy stays.
 */
export const POLICY_GAP =
  "moto 5.2.1 cannot evaluate the evidence bucket policy's conditions (aws:SecureTransport, If-None-Match) and so refuses every evidence write under cases/; on AWS those writes are allowed and the policy stays. The demo takes the policy off while the responders file evidence and puts it back, unchanged, before the drift check.";

/** Takes the bucket's policy off and returns it, to be put back by {@link restoreEvidencePolicy}. */
export async function setAsideEvidencePolicy(
  aws: AwsClients,
  bucket: string,
  region: string,
): Promise<SetAsidePolicy> {
  const s3 = aws.get(S3Client, region);
  const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  if (!Policy) throw new Error(`the evidence bucket ${bucket} has no policy to set aside`);
  await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  return { bucket, region, policy: Policy };
}

/** Puts the policy back as it was deployed. */
export async function restoreEvidencePolicy(aws: AwsClients, aside: SetAsidePolicy): Promise<void> {
  await aws
    .get(S3Client, aside.region)
    .send(new PutBucketPolicyCommand({ Bucket: aside.bucket, Policy: aside.policy }));
}
