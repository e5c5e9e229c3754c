import { defineCheck } from '../../model/check';
import {
  GLOBAL_REGION,
  accountResource,
  couldNotRead,
  fail,
  manual,
  notApplicable,
  pass,
} from '../results';
import { bucketDetail, bucketResource } from '../s3/buckets';
import { trailsOfScan } from './trails';

export default defineCheck({
  id: 'cloudtrail_logs_s3_bucket_access_logging_enabled',
  title: 'Every S3 bucket that receives CloudTrail logs has server access logging enabled',
  service: 'cloudtrail',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'Without access logs on the trail bucket nobody can tell who read, deleted or tampered with the audit trail, the first thing a careful intruder goes after.',
  remediation:
    'Send the bucket\'s access logs to a separate bucket: aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<trail-bucket>/"}}\'',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
  ],
  needs: ['trails', 'buckets', 'bucketLogging'],
  evaluate({ trails, buckets, bucketLogging }, ctx) {
    const destinations = [
      ...new Set(
        trailsOfScan(trails, ctx).flatMap((trail) =>
          trail.s3BucketName ? [trail.s3BucketName] : [],
        ),
      ),
    ];
    if (destinations.length === 0) {
      return [
        notApplicable(
          accountResource(ctx, 'cloudtrail', GLOBAL_REGION),
          `Account ${ctx.account} has no CloudTrail trail delivering to S3 in the scanned regions.`,
        ),
      ];
    }
    return destinations.map((name) => {
      const bucket = buckets.find((candidate) => candidate.name === name);
      if (!bucket) {
        // Typically the log archive account of an organization trail.
        const resource = {
          region: GLOBAL_REGION,
          type: 'AwsS3Bucket',
          id: name,
          arn: `arn:${ctx.partition}:s3:::${name}`,
        };
        return manual(
          resource,
          `Trail bucket ${name} is not in this account; check its access logging where it lives.`,
        );
      }
      const resource = bucketResource(bucket);
      const logging = bucketDetail(bucketLogging, bucket, 's3:GetBucketLogging');
      if (!logging.ok) return couldNotRead(resource, logging.error);
      return logging.data
        ? pass(
            resource,
            `Trail bucket ${name} logs its access to bucket ${logging.data.targetBucket}.`,
          )
        : fail(resource, `Trail bucket ${name} has server access logging disabled.`);
    });
  },
});
