import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../../lib/plumbing-tags';
import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';
import { allEvidenceBuckets } from './evidence-buckets';

export default defineCheck({
  id: 'readiness_evidence_bucket_present',
  title: 'The account has a Pyjamas evidence bucket',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsAccount',
  risk: 'Without a prepared evidence bucket, responders must refuse to run or keep the run record, snapshots list and memory captures on a laptop, outside any chain of custody.',
  remediation: `Deploy the Pyjamas module (npx cdktf deploy), or tag an object-locked, versioned, KMS-encrypted bucket ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.evidenceBucket}.`,
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html'],
  needs: ['evidenceBuckets'],
  evaluate({ evidenceBuckets }, ctx) {
    const buckets = allEvidenceBuckets(evidenceBuckets, ctx);
    const account = accountResource(ctx, 's3', GLOBAL_REGION);
    return [
      buckets.length > 0
        ? pass(
            account,
            `Account ${ctx.account} has the evidence bucket ${buckets.map((bucket) => `${bucket.name} (${bucket.region})`).join(', ')}.`,
          )
        : fail(
            account,
            `Account ${ctx.account} has no bucket tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.evidenceBucket} in ${ctx.regions.join(', ')}.`,
          ),
    ];
  },
});
