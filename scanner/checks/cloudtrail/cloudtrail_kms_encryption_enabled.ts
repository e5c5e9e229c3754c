import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachTrail } from './trails';

export default defineCheck({
  id: 'cloudtrail_kms_encryption_enabled',
  title: 'Every CloudTrail trail encrypts its log files with a KMS key',
  service: 'cloudtrail',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  risk: "Under SSE-S3 alone anyone who can read the log bucket reads the account's activity history, a map for an intruder; a KMS key adds a second permission, and a key-use trail, in front of it.",
  remediation:
    'Create a KMS key whose policy lets CloudTrail encrypt and your responders decrypt, then: aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  ],
  needs: ['trails'],
  evaluate: ({ trails }, ctx) =>
    judgeEachTrail(trails, ctx, (trail, resource) =>
      trail.kmsKeyId
        ? pass(
            resource,
            `Trail ${trail.name} encrypts its log files with KMS key ${trail.kmsKeyId}.`,
          )
        : fail(
            resource,
            `Trail ${trail.name} has no KMS key, so its log files are encrypted only with SSE-S3.`,
          ),
    ),
});
