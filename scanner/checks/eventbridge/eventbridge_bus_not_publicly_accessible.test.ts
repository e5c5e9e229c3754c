import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './eventbridge_bus_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'eventBuses',
  arn: (name) => `arn:aws:events:us-east-1:123456789012:event-bus/${name}`,
  action: 'events:PutEvents',
  readApi: 'events:ListEventBuses',
});
