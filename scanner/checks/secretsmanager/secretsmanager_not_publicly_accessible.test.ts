import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './secretsmanager_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'secrets',
  arn: (name) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
  action: 'secretsmanager:GetSecretValue',
  readApi: 'secretsmanager:GetResourcePolicy',
});
