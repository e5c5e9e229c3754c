import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './sns_topics_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'snsTopics',
  arn: (name) => `arn:aws:sns:us-east-1:123456789012:${name}`,
  action: 'sns:Publish',
  readApi: 'sns:GetTopicAttributes',
});
