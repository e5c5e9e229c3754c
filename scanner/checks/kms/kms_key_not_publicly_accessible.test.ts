import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './kms_key_not_publicly_accessible';

describeResourcePolicyCheck({
  check,
  slice: 'kmsKeyPolicies',
  arn: (name) => `arn:aws:kms:us-east-1:123456789012:key/${name}`,
  action: 'kms:Decrypt',
  readApi: 'kms:GetKeyPolicy',
});
