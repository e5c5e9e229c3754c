import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigRemediationConfiguration } from '@cdktf/provider-aws/lib/config-remediation-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { ConfigRemediation, type ConfigRemediationProps } from './config-remediation';
import { CHECK_RESULT_SCRIPT } from './remediation-document';

const ISOLATE = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:pyjamas-isolate-config',
  functionName: 'pyjamas-isolate-config',
};
const REVOKE = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:pyjamas-revoke-config',
  functionName: 'pyjamas-revoke-config',
};

function synthRemediation(props: Partial<ConfigRemediationProps> = {}): string {
  return synthScope((scope) => {
    new ConfigRemediation(scope, 'config', {
      isolationFunction: ISOLATE,
      revocationFunction: REVOKE,
      alarmTopicArn: 'arn:aws:sns:us-east-1:111111111111:pyjamas-security-alarms',
      deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111111111111:pyjamas-response-dlq',
      ...props,
    });
  });
}

const documents = (synthesized: string) =>
  Object.fromEntries(
    resourcesOfType(synthesized, 'aws_ssm_document').map((document) => [
      document.name as string,
      JSON.parse(document.content as string) as Record<string, unknown>,
    ]),
  );

describe('ConfigRemediation', () => {
  test('judges instances and IAM users with custom Lambda rules on every configuration change', () => {
    const synthesized = synthRemediation();
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigRule, {
      name: 'pyjamas-quarantined-instance-isolated',
      scope: { compliance_resource_types: ['AWS::EC2::Instance'] },
      source: {
        owner: 'CUSTOM_LAMBDA',
        source_identifier: expect.stringMatching(/quarantine_evaluator_function_\w+\.arn\}$/),
        source_detail: [
          { event_source: 'aws.config', message_type: 'ConfigurationItemChangeNotification' },
          {
            event_source: 'aws.config',
            message_type: 'OversizedConfigurationItemChangeNotification',
          },
        ],
      },
      depends_on: [expect.stringMatching(/^aws_lambda_permission\./)],
    });
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigRule, {
      name: 'pyjamas-compromised-key-inactive',
      scope: { compliance_resource_types: ['AWS::IAM::User'] },
    });
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      principal: 'config.amazonaws.com',
      action: 'lambda:InvokeFunction',
      source_account: expect.stringMatching(/^\$\{data\.aws_caller_identity\.\S+\.account_id\}$/),
    });
    const evaluators = resourcesOfType(synthesized, 'aws_lambda_function').map((fn) => [
      fn.function_name,
      fn.handler,
      fn.timeout,
      String(fn.filename).split('/')[1],
    ]);
    expect(evaluators.sort()).toEqual([
      ['pyjamas-compromised-key-rule', 'index.configRuleHandler', 60, 'bundle-revoke-access-key'],
      ['pyjamas-quarantine-rule', 'index.configRuleHandler', 60, 'bundle-isolate-ec2-instance'],
    ]);
  });

  test('remediates automatically through our documents, with the resource id, retries and the automation role', () => {
    const synthesized = synthRemediation({ maximumAutomaticAttempts: 3, retryAttemptSeconds: 300 });
    expect(synthesized).toHaveResourceWithProperties(ConfigRemediationConfiguration, {
      config_rule_name: expect.stringMatching(/quarantine_rule_\w+\.name\}$/),
      target_type: 'SSM_DOCUMENT',
      target_id: expect.stringMatching(/quarantine_document_\w+\.name\}$/),
      resource_type: 'AWS::EC2::Instance',
      automatic: true,
      maximum_automatic_attempts: 3,
      retry_attempt_seconds: 300,
      parameter: [
        {
          name: 'AutomationAssumeRole',
          static_value: expect.stringMatching(/automation-role_\w+\.arn\}$/),
        },
        { name: 'InstanceId', resource_value: 'RESOURCE_ID' },
      ],
    });
    expect(synthesized).toHaveResourceWithProperties(ConfigRemediationConfiguration, {
      resource_type: 'AWS::IAM::User',
      parameter: [
        expect.objectContaining({ name: 'AutomationAssumeRole' }),
        { name: 'UserId', resource_value: 'RESOURCE_ID' },
      ],
    });
  });

  test('documents invoke the responder synchronously within 300 s, once, then fail on its error', () => {
    const document = documents(synthRemediation())['pyjamas-IsolateQuarantinedInstance'];
    expect(document).toMatchObject({
      schemaVersion: '0.3',
      assumeRole: '{{ AutomationAssumeRole }}',
      parameters: {
        InstanceId: { type: 'String', allowedPattern: '^i-([0-9a-f]{8}|[0-9a-f]{17})$' },
      },
      mainSteps: [
        {
          name: 'invokeResponder',
          action: 'aws:invokeLambdaFunction',
          timeoutSeconds: 300,
          maxAttempts: 1,
          onFailure: 'Abort',
          inputs: {
            FunctionName: ISOLATE.functionArn,
            InvocationType: 'RequestResponse',
            InputPayload: {
              ResourceId: '{{ InstanceId }}',
              ConfigRuleName: 'pyjamas-quarantined-instance-isolated',
            },
          },
        },
        {
          name: 'checkResult',
          action: 'aws:executeScript',
          isEnd: true,
          inputs: {
            Runtime: 'python3.11',
            Handler: 'check',
            Script: CHECK_RESULT_SCRIPT,
            InputPayload: { Payload: '{{ invokeResponder.Payload }}' },
          },
        },
      ],
    });
    expect(documents(synthRemediation())['pyjamas-RevokeCompromisedKey']).toMatchObject({
      mainSteps: [
        {
          inputs: {
            FunctionName: REVOKE.functionArn,
            InputPayload: {
              ResourceId: '{{ UserId }}',
              ConfigRuleName: 'pyjamas-compromised-key-inactive',
            },
          },
        },
        { name: 'checkResult' },
      ],
    });
    expect(synthRemediation()).toHaveResourceWithProperties(SsmDocument, {
      document_type: 'Automation',
      document_format: 'JSON',
    });
  });

  test('lets SSM invoke only the responders, and the evaluators only read and report', () => {
    const policies = resourcesOfType(synthRemediation(), 'aws_iam_role_policy');
    const automation = policyStatements(
      policies.find((policy) => policy.name === 'automation') ?? {},
    );
    expect(statementWithSid(automation, 'InvokeResponders').Resource).toEqual([
      expect.stringMatching(
        /:lambda:\*:\$\{data\.aws_caller_identity\.\S+\.account_id\}:function:pyjamas-isolate-config$/,
      ),
      expect.stringMatching(/:function:pyjamas-revoke-config$/),
    ]);
    const quarantine = policyStatements(
      policies.find((policy) => policy.name === 'quarantine-rule') ?? {},
    );
    expect(statementWithSid(quarantine, 'Evaluate').Action).toEqual([
      'ec2:DescribeInstances',
      'ec2:DescribeSecurityGroups',
      'config:PutEvaluations',
    ]);
    expect(synthRemediation()).toHaveResourceWithProperties(IamRole, {
      name: 'pyjamas-config-remediation',
      assume_role_policy: expect.stringContaining('"Service":"ssm.amazonaws.com"'),
    });
  });

  test('leaves the compromised-key rule to the region that records IAM users', () => {
    const synthesized = synthRemediation({ revocationFunction: undefined });
    expect(resourcesOfType(synthesized, 'aws_config_config_rule').map((rule) => rule.name)).toEqual(
      ['pyjamas-quarantined-instance-isolated'],
    );
  });

  test('deploys rules and documents without remediation when told, and waits for the recorder', () => {
    const synthesized = synthScope((scope) => {
      const recorder = new S3Bucket(scope, 'recorder-stand-in', { bucket: 'x' });
      new ConfigRemediation(scope, 'config', {
        isolationFunction: ISOLATE,
        alarmTopicArn: 'arn:aws:sns:us-east-1:111111111111:t',
        deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111111111111:q',
        remediate: false,
        recorder: [recorder],
      });
    });
    expect(synthesized).not.toHaveResource(ConfigRemediationConfiguration);
    expect(synthesized).toHaveResource(SsmDocument);
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigRule, {
      depends_on: [
        expect.stringMatching(/^aws_lambda_permission\./),
        'aws_s3_bucket.recorder-stand-in',
      ],
    });
  });

  test('uses the roles of another region instead of creating them', () => {
    const synthesized = synthRemediation({
      roles: {
        quarantineRuleRoleArn: 'q',
        compromisedKeyRuleRoleArn: 'k',
        automationRoleArn: 'a',
        policies: [],
      },
    });
    expect(resourcesOfType(synthesized, 'aws_iam_role')).toEqual([]);
    expect(
      resourcesOfType(synthesized, 'aws_lambda_function')
        .map((fn) => fn.role)
        .sort(),
    ).toEqual(['k', 'q']);
  });

  test('also judges the tagged IAM users every hour, since Config records no change of a key status', () => {
    const rules = (synthesized: string) =>
      Object.fromEntries(
        resourcesOfType(synthesized, 'aws_config_config_rule').map((rule) => [
          rule.name as string,
          (rule.source as { source_detail: Record<string, unknown>[] }).source_detail,
        ]),
      );
    const periodic = (frequency: string) => ({
      event_source: 'aws.config',
      message_type: 'ScheduledNotification',
      maximum_execution_frequency: frequency,
    });
    const byDefault = rules(synthRemediation());
    expect(byDefault['pyjamas-compromised-key-inactive']).toEqual([
      { event_source: 'aws.config', message_type: 'ConfigurationItemChangeNotification' },
      { event_source: 'aws.config', message_type: 'OversizedConfigurationItemChangeNotification' },
      periodic('One_Hour'),
    ]);
    expect(byDefault['pyjamas-quarantined-instance-isolated']).not.toContainEqual(
      expect.objectContaining({ message_type: 'ScheduledNotification' }),
    );
    expect(
      rules(synthRemediation({ compromisedKeyCheckFrequency: 'Six_Hours' }))[
        'pyjamas-compromised-key-inactive'
      ],
    ).toContainEqual(periodic('Six_Hours'));
  });

  test.each([
    [
      { maximumAutomaticAttempts: 26 },
      /ConfigRemediation: maximumAutomaticAttempts must be a whole number from 1 to 25, got 26/,
    ],
    [
      { retryAttemptSeconds: 0 },
      /ConfigRemediation: retryAttemptSeconds must be a whole number from 1 to 2678000, got 0/,
    ],
    [{ namePrefix: '-x' }, /ConfigRemediation: namePrefix must be/],
    [
      { compromisedKeyCheckFrequency: 'Daily' as never },
      /ConfigRemediation: compromisedKeyCheckFrequency must be one of One_Hour, Three_Hours/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthRemediation(props)).toThrow(message);
  });
});
