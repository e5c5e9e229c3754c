import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'glacier_vaults_policy_public_access',
  title: 'No S3 Glacier vault policy allows Principal "*" without a condition limiting the caller',
  service: 'glacier',
  severity: 'high',
  resourceType: 'AwsGlacierVault',
  risk: 'A vault open to every AWS principal lets anyone retrieve or delete its archives, often the last copy of backups and evidence.',
  remediation:
    'Replace the "*" principal with the accounts or roles that need the vault, or add a condition such as aws:PrincipalOrgID: aws glacier set-vault-access-policy --account-id - --vault-name <vault> --policy file://policy.json (or delete-vault-access-policy).',
  references: [
    'https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['glacierVaults'],
  evaluate: ({ glacierVaults }, ctx) =>
    judgeResourcePolicies(ctx, glacierVaults, {
      service: 'glacier',
      type: 'AwsGlacierVault',
      noun: 'Glacier vault',
      nouns: 'Glacier vaults',
    }),
});
