import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'kms_key_not_publicly_accessible',
  title: 'No KMS key policy allows Principal "*" without a condition limiting the caller',
  service: 'kms',
  severity: 'critical',
  resourceType: 'AwsKmsKey',
  risk: 'A key whose policy grants every AWS principal lets anyone outside the account decrypt data under it, or use and re-grant it, which defeats the encryption it provides.',
  remediation:
    'Replace the "*" principal with the account root or the roles that use the key, or add a condition such as kms:CallerAccount, aws:PrincipalOrgID or aws:SourceVpce: aws kms put-key-policy --key-id <id> --policy-name default --policy file://policy.json',
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['kmsKeyPolicies'],
  evaluate: ({ kmsKeyPolicies }, ctx) =>
    judgeResourcePolicies(ctx, kmsKeyPolicies, {
      service: 'kms',
      type: 'AwsKmsKey',
      noun: 'KMS key',
      nouns: 'KMS keys',
    }),
});
