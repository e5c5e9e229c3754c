import { describeDeployment } from './deployment';

describe('describeDeployment', () => {
  test('counts deployed resources by kind, leaves data sources out and names what moto cannot hold', () => {
    const lines = describeDeployment([
      'data.aws_caller_identity.account',
      'aws_lambda_function.plumbing_isolate_1',
      'aws_lambda_function.plumbing_revoke_2',
      'aws_cloudtrail.plumbing_trail_3',
      'aws_iam_role_policy.plumbing_role_policy_4',
    ]);

    expect(lines[0]).toBe('Deployed 4 resources, among them:');
    expect(lines).toContain('    2 Lambda functions (responders, rule evaluators, scheduled scan)');
    expect(lines).toContain('    1 CloudTrail trail (multi-region, validated, KMS-encrypted)');
    expect(lines.join('\n')).toMatch(
      /aws_imagebuilder_component, aws_imagebuilder_image_recipe.*: moto 5\.2\.1 has no Image Builder backend/,
    );
  });
});
