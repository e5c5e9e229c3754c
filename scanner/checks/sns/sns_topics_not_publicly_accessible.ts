import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'sns_topics_not_publicly_accessible',
  title: 'No SNS topic policy allows Principal "*" without a condition limiting the caller',
  service: 'sns',
  severity: 'high',
  resourceType: 'AwsSnsTopic',
  risk: 'A topic open to every AWS principal lets anyone publish forged notifications to its subscribers or subscribe an endpoint of their own and receive every message.',
  remediation:
    'Replace the "*" principal with the accounts or services that need the topic, or add a condition such as aws:SourceArn, aws:SourceOwner or aws:PrincipalOrgID: aws sns set-topic-attributes --topic-arn <arn> --attribute-name Policy --attribute-value file://policy.json',
  references: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['snsTopics'],
  evaluate: ({ snsTopics }, ctx) =>
    judgeResourcePolicies(ctx, snsTopics, {
      service: 'sns',
      type: 'AwsSnsTopic',
      noun: 'SNS topic',
      nouns: 'SNS topics',
    }),
});
