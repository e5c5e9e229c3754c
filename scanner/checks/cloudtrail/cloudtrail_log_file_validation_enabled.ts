import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgeEachTrail } from './trails';

export default defineCheck({
  id: 'cloudtrail_log_file_validation_enabled',
  title: 'Every CloudTrail trail has log file integrity validation enabled',
  service: 'cloudtrail',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  risk: 'Without digest files an intruder who can write to the log bucket can delete or edit the records of their own actions unnoticed, and responders cannot prove the logs they rely on are complete.',
  remediation:
    'Turn validation on: aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  ],
  needs: ['trails'],
  evaluate: ({ trails }, ctx) =>
    judgeEachTrail(trails, ctx, (trail, resource) =>
      trail.logFileValidationEnabled
        ? pass(resource, `Trail ${trail.name} has log file validation enabled.`)
        : fail(
            resource,
            `Trail ${trail.name} has log file validation disabled, so changes to its log files cannot be detected.`,
          ),
    ),
});
