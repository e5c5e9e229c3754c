import {
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketLoggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { INCIDENT_REGION } from './incident';
import type { DemoStage } from './stage';
import { requireDeployment } from './stage-requires';

/**
 * The state addresses of the evidence bucket, its settings and its key: what terraform destroy
 * leaves. Its objects are under Object Lock COMPLIANCE retention, which nobody can shorten (on
 * AWS the root user included), and the key must outlive them to keep them readable.
 */
export function evidenceAddresses(addresses: readonly string[]): string[] {
  return addresses.filter(
    (address) =>
      /^aws_s3_bucket[a-z_]*\.plumbing_evidence_(?!access-logs)/.test(address) ||
      /^aws_kms_(key|alias)\.plumbing_evidence_/.test(address),
  );
}

/**
 * Empties the plumbing's other buckets, as S3 deletes only empty ones: access logging off first
 * so that the destroy's own reads log nothing new, and the policies off, since they deny object
 * requests without TLS, which moto enforces on its plain-HTTP endpoint.
 */
async function emptyBuckets(aws: AwsClients, keep: string): Promise<void> {
  const s3 = aws.get(S3Client, INCIDENT_REGION);
  const buckets = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? [])
    .map((bucket) => bucket.Name ?? '')
    .filter((name) => name.startsWith('pyjamas-') && name !== keep);
  for (const bucket of buckets) {
    await s3.send(new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: {} }));
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  }
  for (const bucket of buckets) {
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(
        ({ Key, VersionId }) => ({ Key, VersionId }),
      );
      if (objects.length === 0) break;
      const { Errors } = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }),
      );
      if (Errors?.length)
        throw new Error(
          `cannot empty ${bucket}: ${Errors[0]?.Code ?? ''} ${Errors[0]?.Message ?? ''}`,
        );
    }
  }
}

/** Stage: terraform destroy of everything but the locked evidence; the runner then stops moto. */
export const TEARDOWN_STAGE: DemoStage = {
  title: 'tear everything down',
  proves:
    'the plumbing comes and goes with Terraform like any other stack, except the evidence: locked objects outlive the stack by design.',
  async run(context) {
    const { workspace, outputs, addresses } = requireDeployment(context);
    const evidenceBucket = String(outputs.evidence_bucket_name);
    const kept = evidenceAddresses(addresses);
    context.say(
      `Terraform forgets the evidence bucket ${evidenceBucket} and its KMS key (terraform state rm, ${kept.length} addresses): the responders' objects are under Object Lock COMPLIANCE retention, which nobody can shorten, on AWS not even the root user. Stopping moto discards them here.`,
    );
    await workspace.forget(kept);
    context.say("Emptying the plumbing's log and Config buckets, then terraform destroy...");
    await emptyBuckets(context.aws, evidenceBucket);
    await workspace.destroy();
    const left = await workspace.stateAddresses();
    context.say(`Destroyed: ${left.length} resources left in the Terraform state.`);
    context.deployment = undefined;
  },
};
