import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import {
  onlyResourceOfType,
  policyStatements,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { ScheduledScan, type ScheduledScanProps } from './scheduled-scan';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:pyjamas-security-alarms';
const BUCKET = {
  bucketName: 'evidence',
  bucketArn: 'arn:aws:s3:::evidence',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/evidence',
};

function synthScan(props: Partial<ScheduledScanProps> = {}): string {
  return synthScope(
    (scope) =>
      new ScheduledScan(scope, 'scan', { reportBucket: BUCKET, alarmTopicArn: TOPIC, ...props }),
  );
}

describe('ScheduledScan', () => {
  test('runs the scanner daily for up to 15 minutes, filing reports under scans/ of the bucket', () => {
    const synthesized = synthScan({ notificationTopic: { topicArn: TOPIC } });
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'pyjamas-scheduled-scan',
      handler: 'index.handler',
      filename: expect.stringMatching(/^assets\/bundle-scheduled-scan\//),
      timeout: 900,
      memory_size: 1024,
      environment: {
        variables: {
          PYJAMAS_REPORT_BUCKET: 'evidence',
          PYJAMAS_REPORT_PREFIX: 'scans/',
          PYJAMAS_REPORT_TOPIC_ARN: TOPIC,
          PYJAMAS_SECURITY_HUB: 'false',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventRule, {
      name: 'pyjamas-scheduled-scan',
      schedule_expression: 'rate(1 day)',
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventTarget, { target_id: 'scan' });
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      principal: 'events.amazonaws.com',
      source_arn: expect.stringMatching(/aws_cloudwatch_event_rule\.scan_schedule_\w+\.arn/),
    });
  });

  test('scans the regions given, on the schedule given, into Security Hub when asked', () => {
    const synthesized = synthScan({
      schedule: 'cron(0 3 * * ? *)',
      regions: ['eu-west-1', 'us-east-1'],
      securityHub: true,
      reportPrefix: 'readiness/scans/',
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventRule, {
      schedule_expression: 'cron(0 3 * * ? *)',
    });
    expect(onlyResourceOfType(synthesized, 'aws_lambda_function').environment).toMatchObject({
      variables: {
        PYJAMAS_SCAN_REGIONS: 'eu-west-1,us-east-1',
        PYJAMAS_SECURITY_HUB: 'true',
        PYJAMAS_REPORT_PREFIX: 'readiness/scans/',
      },
    });
    const statements = policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'ImportFindings').Resource).toMatch(
      /:securityhub:\$\{data\.aws_region\.\S+\.name\}:\$\{data\.aws_caller_identity\.\S+\}:product\/\$\{data\.aws_caller_identity\.\S+\}\/default$/,
    );
    expect(statementWithSid(statements, 'FileReports').Resource).toMatch(
      /^arn:aws:s3:::evidence\/readiness\/scans\/\$\{data\.aws_caller_identity\.[^}]+\.account_id\}\/\*$/,
    );
  });

  test("may read the account, list and file only its own reports, and use the bucket's key", () => {
    const statements = policyStatements(onlyResourceOfType(synthScan(), 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'ReadAccount')).toMatchObject({
      Resource: '*',
      Action: expect.arrayContaining(['s3:ListAllMyBuckets', 'iam:GetAccountAuthorizationDetails']),
    });
    const ownAccount = '${data.aws_caller_identity.scan_context_account_6D8760B2.account_id}';
    expect(statementWithSid(statements, 'ListReports')).toEqual({
      Sid: 'ListReports',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::evidence',
      Condition: { StringLike: { 's3:prefix': `scans/${ownAccount}/*` } },
    });
    expect(statementWithSid(statements, 'FileReports')).toEqual({
      Sid: 'FileReports',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::evidence/scans/${ownAccount}/*`,
    });
    expect(statementWithSid(statements, 'UseReportKey')).toMatchObject({
      Resource: BUCKET.kmsKeyArn,
    });
    expect(statements.map((statement) => statement.Sid)).not.toContain('ImportFindings');
    expect(statements.map((statement) => statement.Sid)).not.toContain('Notify');
    expect(statements.map((statement) => statement.Sid)).not.toContain('ReadForensicAmiParameter');
    expect(statements.flatMap((statement) => statement.Action)).not.toContain('ssm:GetParameter');
  });

  test("files in another account's bucket under its own account only, naming the bucket's owner", () => {
    const synthesized = synthScan({ reportBucketOwnerAccountId: '999999999999' });
    expect(onlyResourceOfType(synthesized, 'aws_lambda_function').environment).toMatchObject({
      variables: { PYJAMAS_REPORT_BUCKET_OWNER: '999999999999' },
    });
    const statements = policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role_policy'));
    const owner = { StringEquals: { 'aws:ResourceAccount': '999999999999' } };
    expect(statementWithSid(statements, 'ListReports').Condition).toEqual({
      StringLike: {
        's3:prefix': expect.stringMatching(/^scans\/\$\{data\.aws_caller_identity\.[^}]+\}\/\*$/),
      },
      ...owner,
    });
    expect(statementWithSid(statements, 'FileReports')).toMatchObject({
      Resource: expect.stringMatching(
        /^arn:aws:s3:::evidence\/scans\/\$\{data\.aws_caller_identity\.[^}]+\}\/\*$/,
      ),
      Condition: owner,
    });
  });

  test('may read the value of the forensic AMI parameter and of no other parameter', () => {
    const statements = policyStatements(
      onlyResourceOfType(
        synthScan({ forensicAmiParameterName: '/pyjamas/forensic-ami/latest' }),
        'aws_iam_role_policy',
      ),
    );
    expect(
      statements.filter((statement) => [statement.Action].flat().includes('ssm:GetParameter')),
    ).toEqual([
      {
        Sid: 'ReadForensicAmiParameter',
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: expect.stringMatching(
          /^arn:\$\{data\.aws_partition\.[^}]+\}:ssm:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:parameter\/pyjamas\/forensic-ami\/latest$/,
        ),
      },
    ]);
  });

  test.each([
    [
      { schedule: 'daily' },
      /ScheduledScan: schedule must be an EventBridge schedule expression such as "rate\(1 day\)"/,
    ],
    [
      { reportPrefix: 'scans' },
      /ScheduledScan: reportPrefix must be a key prefix of one or more folders ending in "\/"/,
    ],
    [{ regions: [] }, /ScheduledScan: regions must list at least one region/],
    [
      { regions: ['europe'] },
      /ScheduledScan: regions must be a list of region names such as eu-west-1, got "europe"/,
    ],
    [{ namePrefix: 'P' }, /ScheduledScan: namePrefix must be/],
    [
      { reportBucketOwnerAccountId: '9999' },
      /ScheduledScan: reportBucketOwnerAccountId must be a 12-digit account id/,
    ],
    [
      { forensicAmiParameterName: 'forensic-ami' },
      /ScheduledScan: forensicAmiParameterName must be an SSM parameter path/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => synthScan(props)).toThrow(message);
  });
});
