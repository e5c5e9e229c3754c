import { defineCheck } from '../../model/check';
import { judgeUnconstrained } from './unconstrained';
import { judgePrincipals } from './permission-analysis';

/** Reads that hand over data or secrets (Cloudsplaining's data-exfiltration set, plus kms:Decrypt). */
const DATA_ACTIONS = [
  's3:GetObject',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
] as const;

export default defineCheck({
  id: 'iam_principal_no_unrestricted_data_access',
  title: 'No user or role can read every object, secret, parameter or decrypt with every key',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  risk: "A principal that can read every S3 object, every secret and every parameter, or decrypt with every key, turns one leaked credential into the exfiltration of all the account's data.",
  remediation:
    'Scope the data actions to the buckets, secrets, parameters and keys the principal needs (Resource ARNs, or aws:ResourceTag conditions).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  needs: ['authorizationDetails', 'organizationPolicies'],
  evaluate(input, ctx) {
    return judgePrincipals(input, ctx, (principal, analysis) =>
      judgeUnconstrained(analysis, principal, DATA_ACTIONS, 'medium', 'read data'),
    );
  },
});
