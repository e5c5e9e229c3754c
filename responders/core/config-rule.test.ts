import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { configRuleEvent } from '../../test/fixtures/config-rule-event';
import {
  parseConfigRuleEvent,
  parseConfigRuleTrigger,
  putEvaluation,
  putScheduledEvaluations,
} from './config-rule';

const config = mockClient(ConfigServiceClient);
beforeEach(() => config.reset());

describe('parseConfigRuleEvent', () => {
  test('reads the rule, the token and the resource of a configuration change', () => {
    expect(parseConfigRuleEvent(configRuleEvent(), 'AWS::EC2::Instance')).toEqual({
      ruleName: 'pyjamas-quarantined-instance-isolated',
      resultToken: 'eyJlbmNyeXB0ZWREYXRhIjpbLTcsMTA0XX0=',
      resourceType: 'AWS::EC2::Instance',
      resourceId: 'i-0123456789abcdef0',
      captureTime: new Date('2026-06-01T12:00:00.000Z'),
      gone: false,
    });
  });

  test('reads the summary Config sends for an oversized item', () => {
    expect(
      parseConfigRuleEvent(configRuleEvent({ oversized: true }), 'AWS::EC2::Instance'),
    ).toMatchObject({ resourceId: 'i-0123456789abcdef0', gone: false });
  });

  test.each([
    ['deleted', { status: 'ResourceDeleted' }],
    ['deleted and no longer recorded', { status: 'ResourceDeletedNotRecorded' }],
    ['out of the rule scope', { eventLeftScope: true }],
  ])('marks a resource %s as gone', (_name, options) => {
    expect(parseConfigRuleEvent(configRuleEvent(options), 'AWS::EC2::Instance').gone).toBe(true);
  });

  const good = configRuleEvent();
  test.each([
    ['a string', 'evaluate', /the Config rule event is missing or is not an object/],
    ['no token', { ...good, resultToken: undefined }, /resultToken is missing/],
    ['no rule name', { ...good, configRuleName: '' }, /configRuleName is missing/],
    [
      'an invoking event that is not JSON',
      { ...good, invokingEvent: '{' },
      /invokingEvent is not JSON/,
    ],
    [
      'a periodic invocation',
      {
        ...good,
        invokingEvent: JSON.stringify({
          messageType: 'ScheduledNotification',
          awsAccountId: '123456789012',
        }),
      },
      /messageType must be ConfigurationItemChangeNotification or OversizedConfigurationItemChangeNotification, got "ScheduledNotification"/,
    ],
    [
      'another resource type',
      configRuleEvent({ resourceType: 'AWS::IAM::User' }),
      /this rule judges AWS::EC2::Instance resources, got "AWS::IAM::User"/,
    ],
    [
      'a bad capture time',
      {
        ...good,
        invokingEvent: good.invokingEvent.replace('2026-06-01T12:00:00.000Z', 'yesterday'),
      },
      /configurationItemCaptureTime "yesterday" is not a time/,
    ],
  ])('rejects %s', (_name, event, message) => {
    expect(() => parseConfigRuleEvent(event, 'AWS::EC2::Instance')).toThrow(message);
  });
});

describe('putEvaluation', () => {
  test('reports the verdict for the resource, ordered by the capture time, with a short annotation', async () => {
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    const invocation = parseConfigRuleEvent(configRuleEvent(), 'AWS::EC2::Instance');
    await putEvaluation(new AwsClients({ maxAttempts: 1, env: {} }), 'us-east-1', invocation, {
      compliance: 'NON_COMPLIANT',
      annotation: 'x'.repeat(300),
    });
    expect(config.commandCalls(PutEvaluationsCommand)[0]?.args[0].input).toEqual({
      ResultToken: invocation.resultToken,
      Evaluations: [
        {
          ComplianceResourceType: 'AWS::EC2::Instance',
          ComplianceResourceId: 'i-0123456789abcdef0',
          ComplianceType: 'NON_COMPLIANT',
          Annotation: 'x'.repeat(256),
          OrderingTimestamp: new Date('2026-06-01T12:00:00.000Z'),
        },
      ],
    });
  });
});

describe('parseConfigRuleTrigger', () => {
  const scheduled = (time: unknown) => ({
    configRuleName: 'pyjamas-compromised-key-inactive',
    resultToken: 'token',
    invokingEvent: JSON.stringify({
      messageType: 'ScheduledNotification',
      notificationCreationTime: time,
    }),
  });

  test('reads a periodic evaluation request, which names no resource', () => {
    expect(parseConfigRuleTrigger(scheduled('2026-06-01T13:00:00.000Z'), 'AWS::IAM::User')).toEqual(
      {
        kind: 'scheduled',
        invocation: {
          ruleName: 'pyjamas-compromised-key-inactive',
          resultToken: 'token',
          notificationTime: new Date('2026-06-01T13:00:00.000Z'),
        },
      },
    );
  });

  test('reads a configuration change as parseConfigRuleEvent does', () => {
    expect(parseConfigRuleTrigger(configRuleEvent(), 'AWS::EC2::Instance')).toMatchObject({
      kind: 'change',
      invocation: { resourceId: 'i-0123456789abcdef0' },
    });
  });

  test('refuses a periodic request without a creation time', () => {
    expect(() => parseConfigRuleTrigger(scheduled('soon'), 'AWS::IAM::User')).toThrow(
      'invokingEvent.notificationCreationTime "soon" is not a time',
    );
  });
});

test('putScheduledEvaluations reports 100 evaluations a call at most', async () => {
  config.on(PutEvaluationsCommand).resolves({});
  const judged = Array.from({ length: 201 }, (_, index) => ({
    resourceId: `AIDA${String(index).padStart(17, '0')}`,
    judgement: { compliance: 'COMPLIANT' as const, annotation: 'fine' },
  }));
  await putScheduledEvaluations(
    new AwsClients({ maxAttempts: 1, env: {} }),
    'us-east-1',
    { ruleName: 'r', resultToken: 't', notificationTime: new Date('2026-06-01T13:00:00Z') },
    'AWS::IAM::User',
    judged,
  );
  expect(
    config
      .commandCalls(PutEvaluationsCommand)
      .map((call) => call.args[0].input.Evaluations?.length),
  ).toEqual([100, 100, 1]);
});
