import { describeResourcePolicyCheck } from '../../../test/fixtures/resource-policies';
import check from './glacier_vaults_policy_public_access';

describeResourcePolicyCheck({
  check,
  slice: 'glacierVaults',
  arn: (name) => `arn:aws:glacier:us-east-1:123456789012:vaults/${name}`,
  action: 'glacier:InitiateJob',
  readApi: 'glacier:GetVaultAccessPolicy',
});
