import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { onlyResourceOfType, resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { LAMBDA_ENTRIES, bundleLambda } from '../shared/lambda-bundle';
import { PlumbingFunction, type PlumbingFunctionProps } from './plumbing-function';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:pyjamas-security-alarms';

function synthFunction(props: Partial<PlumbingFunctionProps> = {}, count = 1): string {
  return synthScope((scope) => {
    for (let index = 0; index < count; index += 1) {
      new PlumbingFunction(scope, `fn-${index}`, {
        functionName: `pyjamas-isolate-guardduty-${index}`,
        description: 'isolates',
        entry: LAMBDA_ENTRIES.isolateEc2Instance,
        handler: 'guardDutyHandler',
        roleArn: 'arn:aws:iam::111111111111:role/pyjamas-isolate-responder',
        component: 'responder-function',
        alarmTopicArn: TOPIC,
        ...props,
      });
    }
  });
}

describe('PlumbingFunction', () => {
  test('runs the bundled handler on Node.js 22 with the asset zip and its hash, after its log group exists', () => {
    const synthesized = synthFunction({
      environment: { PYJAMAS_ENFORCE: 'false' },
      deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111111111111:dlq',
    });
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'pyjamas-isolate-guardduty-0',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.guardDutyHandler',
      filename: expect.stringMatching(
        /^assets\/bundle-isolate-ec2-instance\/[0-9A-F]+\/archive\.zip$/,
      ),
      source_code_hash: expect.stringMatching(
        /^\$\{filebase64sha256\("assets\/bundle-isolate-ec2-instance\/[0-9A-F]+\/archive\.zip"\)\}$/,
      ),
      timeout: 280,
      memory_size: 512,
      environment: { variables: { PYJAMAS_ENFORCE: 'false' } },
      depends_on: [expect.stringMatching(/^aws_cloudwatch_log_group\./)],
      tags: expect.objectContaining({ 'pyjamas:component': 'responder-function' }),
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/lambda/pyjamas-isolate-guardduty-0',
      retention_in_days: 365,
    });
    expect(synthesized).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
      maximum_retry_attempts: 2,
      destination_config: { on_failure: { destination: 'arn:aws:sqs:us-east-1:111111111111:dlq' } },
    });
  });

  test('reserves concurrency only when asked, and refuses a runtime Lambda no longer accepts', () => {
    expect(onlyResourceOfType(synthFunction(), 'aws_lambda_function')).not.toHaveProperty(
      'reserved_concurrent_executions',
    );
    expect(
      onlyResourceOfType(synthFunction({ reservedConcurrency: 5 }), 'aws_lambda_function'),
    ).toMatchObject({ reserved_concurrent_executions: 5 });
    expect(() => synthFunction({ reservedConcurrency: 0 })).toThrow(
      /PlumbingFunction: reservedConcurrency must be a whole number from 1 to 1000, got 0/,
    );
    expect(() => synthFunction({ runtime: 'nodejs20.x' as 'nodejs22.x' })).toThrow(
      /PlumbingFunction: runtime must be one of nodejs22.x, got "nodejs20.x"/,
    );
  });

  test('alarms on any error in five minutes', () => {
    expect(synthFunction()).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'pyjamas-isolate-guardduty-0-errors',
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: {
        FunctionName: expect.stringMatching(
          /^\$\{aws_lambda_function\.fn-0_function_\w+\.function_name\}$/,
        ),
      },
      statistic: 'Sum',
      period: 300,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      alarm_actions: [TOPIC],
    });
  });

  test('bundles an entry once per stack, however many functions use it', () => {
    const functions = resourcesOfType(synthFunction({}, 2), 'aws_lambda_function');
    expect(functions).toHaveLength(2);
    expect(new Set(functions.map((fn) => fn.filename)).size).toBe(1);
    expect(readdirSync(bundleLambda(LAMBDA_ENTRIES.isolateEc2Instance))).toEqual(['index.js']);
  });

  test('keeps the zip, and so the code hash, the same from one synth to the next: the bundle has a fixed modification time', () => {
    expect(
      statSync(join(bundleLambda(LAMBDA_ENTRIES.revokeAccessKey), 'index.js')).mtime.toISOString(),
    ).toBe('2020-01-01T00:00:00.000Z');
  });

  test('has no dead-letter queue or environment unless given', () => {
    const synthesized = synthFunction();
    expect(synthesized).not.toHaveResource(LambdaFunctionEventInvokeConfig);
    expect(onlyResourceOfType(synthesized, 'aws_lambda_function').environment).toBeUndefined();
  });

  test.each([
    [
      { functionName: 'pyjamas isolate' },
      /PlumbingFunction: functionName must be 1 to 64 letters, digits, hyphens or underscores, got "pyjamas isolate"/,
    ],
    [
      { handler: 'index.handler' },
      /PlumbingFunction: handler must be the name of an exported function, got "index.handler"/,
    ],
    [
      { timeoutSeconds: 901 },
      /PlumbingFunction: timeoutSeconds must be a whole number from 1 to 900, got 901/,
    ],
    [
      { memoryMb: 64 },
      /PlumbingFunction: memoryMb must be a whole number from 128 to 10240, got 64/,
    ],
    [{ logRetentionDays: 10 }, /PlumbingFunction: logRetentionDays must be one of 1, 3, 5/],
  ])('rejects %j', (props, message) => {
    expect(() => synthFunction(props as Partial<PlumbingFunctionProps>)).toThrow(message);
  });
});
