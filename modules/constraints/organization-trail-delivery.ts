import type { ConstraintRule } from './rule';
import { asList, policyStatements, referencedName, resourcesOf } from './synthesized-terraform';

const ORGANIZATION_PREFIX = /\/AWSLogs\/o-[a-z0-9]{10,32}\/\*$/;

/**
 * An organization trail writes every account's log files under `AWSLogs/<organization id>/`,
 * not under the creating account's id: CloudTrail refuses to create it (InsufficientS3BucketPolicy)
 * unless the bucket policy lets `cloudtrail.amazonaws.com` put objects there. moto 5.2.1 creates
 * it without reading the bucket policy. Buckets outside the stack are not judged.
 */
export const organizationTrailDelivery: ConstraintRule = {
  id: 'organization-trail-delivery',
  description:
    'The bucket of an organization trail lets CloudTrail write under AWSLogs/<organization id>/.',
  documentation:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
  check(document) {
    const policies = resourcesOf(document, 'aws_s3_bucket_policy');
    return resourcesOf(document, 'aws_cloudtrail')
      .filter(({ block }) => block.is_organization_trail === true)
      .flatMap(({ address, block }) => {
        const bucket = referencedName(block.s3_bucket_name, 'aws_s3_bucket');
        if (!bucket) return [];
        const allowed = policies
          .filter((policy) => referencedName(policy.block.bucket, 'aws_s3_bucket') === bucket)
          .flatMap((policy) => policyStatements(policy.block.policy))
          .some(
            (statement) =>
              statement.Effect === 'Allow' &&
              typeof statement.Principal === 'object' &&
              asList(statement.Principal.Service).includes('cloudtrail.amazonaws.com') &&
              asList(statement.Action).includes('s3:PutObject') &&
              asList(statement.Resource).some((resource) => ORGANIZATION_PREFIX.test(resource)),
          );
        if (allowed) return [];
        return [
          {
            rule: this.id,
            address,
            message: `organization trail into aws_s3_bucket.${bucket}, whose policy does not let cloudtrail.amazonaws.com put objects under AWSLogs/<organization id>/*: give the EvidenceBucket organizationTrail.`,
          },
        ];
      });
  },
};
