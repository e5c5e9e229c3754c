import { defineCheck } from '../../model/check';
import { judgeS3DataEvents } from './s3-data-events';

export default defineCheck({
  id: 'cloudtrail_s3_dataevents_write_enabled',
  title: 'A trail records object-level write events of every S3 bucket',
  service: 'cloudtrail',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  risk: 'Without object-level write events, nobody can tell which objects an intruder uploaded, overwrote or deleted, nor from where: management events show bucket changes only.',
  remediation:
    'Add S3 data events for all buckets to a multi-region trail: aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]\'.',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html',
  ],
  needs: ['trails', 'buckets'],
  evaluate: ({ trails, buckets }, ctx) => judgeS3DataEvents(trails, buckets, 'write', ctx),
});
