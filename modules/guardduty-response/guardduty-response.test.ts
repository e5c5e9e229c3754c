import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { GuardDutyResponse, type GuardDutyResponseProps } from './guardduty-response';

const ISOLATE = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:pyjamas-isolate-guardduty',
  functionName: 'pyjamas-isolate-guardduty',
};
const REVOKE = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:pyjamas-revoke-guardduty',
  functionName: 'pyjamas-revoke-guardduty',
};

function synthRouting(props: Partial<GuardDutyResponseProps> = {}): string {
  return synthScope(
    (scope) =>
      new GuardDutyResponse(scope, 'guardduty', {
        isolationFunction: ISOLATE,
        revocationFunction: REVOKE,
        ...props,
      }),
  );
}

const patterns = (synthesized: string) =>
  Object.fromEntries(
    resourcesOfType(synthesized, 'aws_cloudwatch_event_rule').map((rule) => [
      rule.name as string,
      JSON.parse(rule.event_pattern as string) as unknown,
    ]),
  );

describe('GuardDutyResponse', () => {
  test('sends high and critical findings about instances to isolation and about access keys to revocation', () => {
    expect(patterns(synthRouting())).toEqual({
      'pyjamas-guardduty-isolate-instance': {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { resource: { resourceType: ['Instance'] }, severity: [{ numeric: ['>=', 7] }] },
      },
      'pyjamas-guardduty-revoke-access-key': {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { resource: { resourceType: ['AccessKey'] }, severity: [{ numeric: ['>=', 7] }] },
      },
    });
  });

  test('filters by exact types and type prefixes, and by the minimum severity given', () => {
    const synthesized = synthRouting({
      isolation: {
        findingTypes: ['Backdoor:EC2/C&CActivity.B!DNS', 'CryptoCurrency:EC2/*'],
        minimumSeverity: 5,
      },
      revocation: false,
    });
    expect(patterns(synthesized)).toEqual({
      'pyjamas-guardduty-isolate-instance': {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: {
          resource: { resourceType: ['Instance'] },
          severity: [{ numeric: ['>=', 5] }],
          type: ['Backdoor:EC2/C&CActivity.B!DNS', { prefix: 'CryptoCurrency:EC2/' }],
        },
      },
    });
  });

  test('targets each function and lets EventBridge invoke it from its rule only', () => {
    const synthesized = synthRouting();
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventTarget, {
      arn: ISOLATE.functionArn,
      target_id: 'responder',
    });
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      function_name: REVOKE.functionName,
      principal: 'events.amazonaws.com',
      action: 'lambda:InvokeFunction',
      source_arn: expect.stringMatching(
        /^\$\{aws_cloudwatch_event_rule\.guardduty_revoke-access-key-rule_\w+\.arn\}$/,
      ),
    });
  });

  test.each([
    [
      { isolation: false, revocation: false },
      /GuardDutyResponse: isolation and revocation must not both be false/,
    ],
    [
      { isolation: { minimumSeverity: 11 } },
      /GuardDutyResponse: isolation.minimumSeverity must be a number from 1 to 10 \(7 is high, 9 critical\), got 11/,
    ],
    [
      { revocation: { findingTypes: [] } },
      /GuardDutyResponse: revocation.findingTypes must list at least one type/,
    ],
    [
      { revocation: { findingTypes: ['UnauthorizedAccess:IAMUser/*/x y'] } },
      /GuardDutyResponse: revocation.findingTypes must hold GuardDuty finding types/,
    ],
    [{ namePrefix: 'a b' }, /GuardDutyResponse: namePrefix must be/],
  ])('rejects %j', (props, message) => {
    expect(() => synthRouting(props as Partial<GuardDutyResponseProps>)).toThrow(message);
  });
});
