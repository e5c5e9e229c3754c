import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'secretsmanager_not_publicly_accessible',
  title:
    'No Secrets Manager secret policy allows Principal "*" without a condition limiting the caller',
  service: 'secretsmanager',
  severity: 'critical',
  resourceType: 'AwsSecretsManagerSecret',
  risk: 'A secret whose policy is open to every AWS principal can be read by anyone who can decrypt it, handing out the credentials it holds.',
  remediation:
    'Replace the "*" principal with the roles that need the secret, or add a condition such as aws:PrincipalOrgID or aws:SourceVpce; put it with public policies blocked: aws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://policy.json --block-public-policy',
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['secrets'],
  evaluate: ({ secrets }, ctx) =>
    judgeResourcePolicies(ctx, secrets, {
      service: 'secretsmanager',
      type: 'AwsSecretsManagerSecret',
      noun: 'Secret',
      nouns: 'secrets',
    }),
});
