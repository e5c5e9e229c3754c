import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import {
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { ResponderFunctions, type ResponderFunctionsProps } from './responder-functions';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:pyjamas-security-alarms';
const QUARANTINE_ROLE = 'arn:aws:iam::111111111111:role/pyjamas-quarantine';

function synthResponders(props: Partial<ResponderFunctionsProps> = {}): string {
  return synthScope((scope) => {
    new ResponderFunctions(scope, 'responders', {
      evidence: {
        bucketName: 'evidence',
        bucketArn: 'arn:aws:s3:::evidence',
        kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/evidence',
      },
      quarantineProfile: { instanceProfileName: 'pyjamas-quarantine', roleArn: QUARANTINE_ROLE },
      alarmTopicArn: TOPIC,
      notificationTopic: {
        topicArn: TOPIC,
        kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/alarm',
      },
      ...props,
    });
  });
}

const byName = (synthesized: string) =>
  Object.fromEntries(
    resourcesOfType(synthesized, 'aws_lambda_function').map((fn) => [
      fn.function_name as string,
      fn,
    ]),
  );

describe('ResponderFunctions', () => {
  test('deploys a function per responder and trigger, each calling its handler', () => {
    const functions = byName(synthResponders());
    expect(
      Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.handler])),
    ).toEqual({
      'pyjamas-isolate-guardduty': 'index.guardDutyHandler',
      'pyjamas-isolate-config': 'index.configRemediationHandler',
      'pyjamas-revoke-guardduty': 'index.guardDutyHandler',
      'pyjamas-revoke-config': 'index.configRemediationHandler',
    });
    expect(functions['pyjamas-isolate-config']?.filename).toMatch(
      /^assets\/bundle-isolate-ec2-instance\//,
    );
    expect(functions['pyjamas-revoke-config']?.filename).toMatch(
      /^assets\/bundle-revoke-access-key\//,
    );
  });

  test('is a dry run by default, with the evidence bucket and the notification topic in the environment', () => {
    const functions = byName(synthResponders());
    expect(functions['pyjamas-isolate-guardduty']?.environment).toEqual({
      variables: {
        PYJAMAS_ENFORCE: 'false',
        PYJAMAS_EVIDENCE_BUCKET: 'evidence',
        PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC,
        PYJAMAS_QUARANTINE_PROFILE: 'pyjamas-quarantine',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    expect(functions['pyjamas-revoke-guardduty']?.environment).toEqual({
      variables: {
        PYJAMAS_ENFORCE: 'false',
        PYJAMAS_EVIDENCE_BUCKET: 'evidence',
        PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
  });

  test('acts when enforcement is on, and tells nobody without a notification topic', () => {
    const functions = byName(synthResponders({ enforce: true, notificationTopic: undefined }));
    for (const fn of Object.values(functions)) {
      expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({
        PYJAMAS_ENFORCE: 'true',
      });
      expect(
        (fn.environment as { variables: Record<string, string> }).variables
          .PYJAMAS_NOTIFY_TOPIC_ARN,
      ).toBeUndefined();
    }
  });

  test('sends failed GuardDuty invocations to an encrypted dead-letter queue, and alarms on it', () => {
    const synthesized = synthResponders();
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, {
      name: 'pyjamas-response-dlq',
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1_209_600,
    });
    const destinations = resourcesOfType(
      synthesized,
      'aws_lambda_function_event_invoke_config',
    ).map((config) => String(config.function_name));
    expect(destinations.sort()).toEqual([
      expect.stringMatching(/isolate-guardduty/),
      expect.stringMatching(/revoke-guardduty/),
    ]);
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'pyjamas-response-dlq-messages',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      alarm_actions: [TOPIC],
    });
    expect(resourcesOfType(synthesized, 'aws_cloudwatch_metric_alarm')).toHaveLength(5);
  });

  test("limits evidence to the evidence bucket and key, passing roles to the quarantine role, and keeps away from Pyjamas's own roles", () => {
    const policies = resourcesOfType(synthResponders(), 'aws_iam_role_policy');
    const isolation = policyStatements(
      policies.find((policy) => policy.name === 'isolate-ec2-instance') ?? {},
    );
    expect(statementWithSid(isolation, 'FileEvidence')).toMatchObject({
      Resource: ['arn:aws:s3:::evidence', 'arn:aws:s3:::evidence/*'],
    });
    expect(statementWithSid(isolation, 'UseEvidenceKey')).toMatchObject({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: 'arn:aws:kms:us-east-1:111111111111:key/evidence',
    });
    expect(statementWithSid(isolation, 'PassQuarantineRole')).toEqual({
      Sid: 'PassQuarantineRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: QUARANTINE_ROLE,
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    });
    expect(statementWithSid(isolation, 'Notify')).toMatchObject({
      Action: 'sns:Publish',
      Resource: TOPIC,
    });
    expect(statementWithSid(isolation, 'UseNotificationKey')).toMatchObject({
      Resource: 'arn:aws:kms:us-east-1:111111111111:key/alarm',
    });
    expect(statementWithSid(isolation, 'WriteLogs').Resource).toMatch(
      /^arn:\$\{data\.aws_partition\.\S+\.partition\}:logs:\*:\$\{data\.aws_caller_identity\.\S+\.account_id\}:log-group:\/aws\/lambda\/pyjamas-isolate-\*:\*$/,
    );
    expect(statementWithSid(isolation, 'LeavePyjamasRolesAlone')).toMatchObject({
      Effect: 'Deny',
      Resource: expect.stringMatching(/:role\/pyjamas-\*$/),
    });
    expect(statementWithSid(isolation, 'Respond').Action).not.toContain('iam:PassRole');
  });

  test('lets Lambda assume the two roles', () => {
    const synthesized = synthResponders();
    for (const name of ['pyjamas-isolate-responder', 'pyjamas-revoke-responder']) {
      expect(synthesized).toHaveResourceWithProperties(IamRole, {
        name,
        assume_role_policy: expect.stringContaining('"Service":"lambda.amazonaws.com"'),
      });
    }
  });

  test('functions wait for their role policies, which Lambda checks against the dead-letter queue', () => {
    for (const fn of Object.values(byName(synthResponders()))) {
      expect(fn.depends_on).toEqual([
        expect.stringMatching(/^aws_cloudwatch_log_group\./),
        expect.stringMatching(/^aws_iam_role_policy\..*isolate-ec2-instance-policy/),
        expect.stringMatching(/^aws_iam_role_policy\..*revoke-access-key-policy/),
      ]);
    }
  });

  test('uses the roles of another region instead of creating them', () => {
    const synthesized = synthResponders({
      roles: {
        isolationRoleArn: 'arn:aws:iam::111111111111:role/i',
        revocationRoleArn: 'arn:aws:iam::111111111111:role/r',
        policies: [],
      },
    });
    expect(synthesized).not.toHaveResource(IamRole);
    expect(byName(synthesized)['pyjamas-isolate-config']?.role).toBe(
      'arn:aws:iam::111111111111:role/i',
    );
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'pyjamas-revoke-config',
      role: 'arn:aws:iam::111111111111:role/r',
    });
  });

  test('rejects a bad name prefix', () => {
    expect(() => synthResponders({ namePrefix: 'Pyjamas' })).toThrow(
      /ResponderFunctions: namePrefix must be 1 to 24 lowercase letters/,
    );
  });
});
