import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './sqs_queues_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'sqsQueues',
  arn: (name) => `arn:aws:sqs:us-east-1:123456789012:${name}`,
  action: 'sqs:SendMessage',
  readApi: 'sqs:GetQueueAttributes',
});
