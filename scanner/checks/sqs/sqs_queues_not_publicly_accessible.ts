import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'sqs_queues_not_publicly_accessible',
  title: 'No SQS queue policy allows Principal "*" without a condition limiting the caller',
  service: 'sqs',
  severity: 'high',
  resourceType: 'AwsSqsQueue',
  risk: 'A queue open to every AWS principal lets anyone read, delete or inject messages, feeding forged work to its consumers or draining data in transit.',
  remediation:
    'Replace the "*" principal with the accounts or roles that need the queue, or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID: aws sqs set-queue-attributes --queue-url <url> --attributes Policy=file://policy.json',
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['sqsQueues'],
  evaluate: ({ sqsQueues }, ctx) =>
    judgeResourcePolicies(ctx, sqsQueues, {
      service: 'sqs',
      type: 'AwsSqsQueue',
      noun: 'SQS queue',
      nouns: 'SQS queues',
    }),
});
