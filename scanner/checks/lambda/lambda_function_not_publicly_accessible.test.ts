import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './lambda_function_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'lambdaFunctions',
  arn: (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
  action: 'lambda:InvokeFunction',
  readApi: 'lambda:GetPolicy',
});
