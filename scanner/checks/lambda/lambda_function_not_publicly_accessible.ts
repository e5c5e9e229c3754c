import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'lambda_function_not_publicly_accessible',
  title: 'No Lambda function policy allows Principal "*" without a condition limiting the caller',
  service: 'lambda',
  severity: 'high',
  resourceType: 'AwsLambdaFunction',
  risk: 'A function anyone may invoke (directly or through a function URL without IAM auth) runs attacker-chosen input with its execution role, and its cost and side effects are at their mercy.',
  remediation:
    'Remove the statement (aws lambda remove-permission --function-name <name> --statement-id <sid>) and grant the caller again with --principal set to its account or service and --source-arn or --source-account (add-permission).',
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['lambdaFunctions'],
  evaluate: ({ lambdaFunctions }, ctx) =>
    judgeResourcePolicies(ctx, lambdaFunctions, {
      service: 'lambda',
      type: 'AwsLambdaFunction',
      noun: 'Lambda function',
      nouns: 'Lambda functions',
    }),
});
