import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachEvidenceBucket } from './evidence-buckets';

export default defineCheck({
  id: 'readiness_evidence_bucket_object_lock_compliance',
  title: 'The evidence bucket locks every object in COMPLIANCE mode by default',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  risk: 'Evidence that can be deleted or overwritten, even by an administrator or an attacker holding one, cannot prove what happened; GOVERNANCE mode can be bypassed with s3:BypassGovernanceRetention.',
  remediation:
    'Object Lock can only be turned on at bucket creation on older buckets: create the bucket with --object-lock-enabled-for-bucket, then aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":365}}}\'.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-overview.html'],
  needs: ['evidenceBuckets'],
  evaluate: ({ evidenceBuckets }, ctx) =>
    judgeEachEvidenceBucket(
      evidenceBuckets,
      ctx,
      (bucket) => bucket.objectLock,
      (bucket, lock, resource) => {
        if (!lock?.enabled)
          return fail(
            resource,
            `Evidence bucket ${bucket.name} does not have Object Lock enabled.`,
          );
        const period = lock.years ? `${lock.years} years` : lock.days ? `${lock.days} days` : null;
        if (!lock.mode || !period)
          return fail(
            resource,
            `Evidence bucket ${bucket.name} has Object Lock but no default retention, so objects are written unlocked.`,
          );
        if (lock.mode !== 'COMPLIANCE') {
          return fail(
            resource,
            `Evidence bucket ${bucket.name} locks objects in ${lock.mode} mode, which principals with s3:BypassGovernanceRetention can lift.`,
          );
        }
        return pass(
          resource,
          `Evidence bucket ${bucket.name} locks every object in COMPLIANCE mode for ${period}.`,
        );
      },
    ),
});
