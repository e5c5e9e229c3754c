import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudWatchLogsClient,
  CreateDeliveryCommand,
  PutDeliveryDestinationCommand,
  PutDeliverySourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutPermissionCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateSecretCommand,
  PutResourcePolicyCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMotoScan } from '../helpers/moto-scan';

jest.setTimeout(150_000);

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** A policy document letting anyone perform `action` on `resource`, optionally under a condition. */
function anyone(action: string, resource: string, condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: condition ? 'Limited' : 'Anyone',
        Effect: 'Allow',
        Principal: '*',
        Action: action,
        Resource: resource,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

/** The smallest distribution moto accepts, with legacy standard logging on or off. */
function distribution(reference: string, logBucket: string | null) {
  return new CreateDistributionCommand({
    DistributionConfig: {
      CallerReference: reference,
      Comment: reference,
      Enabled: true,
      Origins: {
        Quantity: 1,
        Items: [
          {
            Id: 'origin',
            DomainName: 'origin.example.com',
            CustomOriginConfig: {
              HTTPPort: 80,
              HTTPSPort: 443,
              OriginProtocolPolicy: 'https-only',
            },
          },
        ],
      },
      DefaultCacheBehavior: { TargetOriginId: 'origin', ViewerProtocolPolicy: 'https-only' },
      Logging: {
        Enabled: logBucket !== null,
        IncludeCookies: false,
        Bucket: logBucket ?? '',
        Prefix: '',
      },
    } as never,
  });
}

/**
 * CIS v7 4.10 (CloudFront) and 2.21 (resource policies allowing Principal "*") through the CLI on
 * moto. moto does not enforce what AWS does around these resources: Block Public Access does not
 * refuse a public bucket policy unless configured, a v2 log delivery is accepted without the
 * destination's resource policy that AWS requires, and Secrets Manager ignores BlockPublicPolicy.
 * moto 5.2.1 lists Glacier vaults but has no vault access-policy subresource, so only a region
 * without vaults is shown here; the policy reads are unit-tested in
 * scanner/collect/resource-policies.test.ts.
 */
describe('pyjamas scan of CloudFront logging and public resource policies', () => {
  const suite = useMotoScan({
    prefix: 'pyjamas-exposure-',
    region: REGION,
    checks: [
      'cloudfront_distributions_logging_enabled',
      's3_bucket_policy_not_publicly_accessible',
      'sqs_queues_not_publicly_accessible',
      'sns_topics_not_publicly_accessible',
      'lambda_function_not_publicly_accessible',
      'kms_key_not_publicly_accessible',
      'eventbridge_bus_not_publicly_accessible',
      'glacier_vaults_policy_public_access',
      'secretsmanager_not_publicly_accessible',
    ],
    async arrange(aws) {
      const cloudfront = aws.get(CloudFrontClient, REGION);
      await cloudfront.send(distribution('logged', 'cf-logs.s3.amazonaws.com'));
      await cloudfront.send(distribution('silent', null));
      const { Distribution: v2 } = await cloudfront.send(distribution('delivered', null));
      const logs = aws.get(CloudWatchLogsClient, REGION);
      await logs.send(
        new PutDeliverySourceCommand({
          name: 'cf-delivered',
          resourceArn: v2?.ARN ?? '',
          logType: 'ACCESS_LOGS',
        }),
      );
      const { deliveryDestination } = await logs.send(
        new PutDeliveryDestinationCommand({
          name: 'cf-logs',
          deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::cf-logs' },
        }),
      );
      await logs.send(
        new CreateDeliveryCommand({
          deliverySourceName: 'cf-delivered',
          deliveryDestinationArn: deliveryDestination?.arn ?? '',
        }),
      );

      const s3 = aws.get(S3Client, REGION);
      for (const Bucket of ['site', 'internal']) await s3.send(new CreateBucketCommand({ Bucket }));
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: 'site',
          Policy: anyone('s3:GetObject', 'arn:aws:s3:::site/*'),
        }),
      );
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: 'internal',
          Policy: anyone('s3:GetObject', 'arn:aws:s3:::internal/*', {
            StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' },
          }),
        }),
      );

      const sqs = aws.get(SQSClient, REGION);
      const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'inbox',
          Attributes: { Policy: anyone('sqs:SendMessage', queueArn('inbox')) },
        }),
      );
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'events',
          Attributes: {
            Policy: anyone('sqs:SendMessage', queueArn('events'), {
              ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${REGION}:${ACCOUNT}:alerts` },
            }),
          },
        }),
      );

      const sns = aws.get(SNSClient, REGION);
      await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
      const { TopicArn: open } = await sns.send(new CreateTopicCommand({ Name: 'open' }));
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn: open,
          AttributeName: 'Policy',
          AttributeValue: anyone('sns:Publish', open ?? ''),
        }),
      );

      const { Role } = await aws.get(IAMClient, REGION).send(
        new CreateRoleCommand({
          RoleName: 'fn',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'lambda.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      );
      const lambda = aws.get(LambdaClient, REGION);
      for (const FunctionName of ['public-fn', 'private-fn'])
        await lambda.send(
          new CreateFunctionCommand({
            FunctionName,
            Runtime: 'nodejs20.x',
            Role: Role?.Arn,
            Handler: 'index.handler',
            Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
          }),
        );
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: 'public-fn',
          StatementId: 'Anyone',
          Action: 'lambda:InvokeFunction',
          Principal: '*',
        }),
      );

      const kms = aws.get(KMSClient, REGION);
      await kms.send(
        new CreateKeyCommand({
          Description: 'open',
          Policy: anyone('kms:*', '*'),
          BypassPolicyLockoutSafetyCheck: true,
        }),
      );

      // moto turns PutPermission's Principal "*" into arn:aws:iam::*:root; the policy is put
      // whole so that the bus carries Principal "*" as written.
      await aws.get(EventBridgeClient, REGION).send(
        new PutPermissionCommand({
          EventBusName: 'default',
          Policy: anyone(
            'events:PutEvents',
            `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`,
          ),
        }),
      );

      const secretsManager = aws.get(SecretsManagerClient, REGION);
      const secretArns: Record<string, string> = {};
      for (const Name of ['shared-secret', 'team-secret', 'plain-secret']) {
        const { ARN } = await secretsManager.send(
          new CreateSecretCommand({ Name, SecretString: 'x' }),
        );
        secretArns[Name] = ARN ?? '';
      }
      await secretsManager.send(
        new PutResourcePolicyCommand({
          SecretId: secretArns['shared-secret'],
          ResourcePolicy: anyone('secretsmanager:GetSecretValue', '*'),
        }),
      );
      await secretsManager.send(
        new PutResourcePolicyCommand({
          SecretId: secretArns['team-secret'],
          ResourcePolicy: anyone('secretsmanager:GetSecretValue', '*', {
            StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' },
          }),
        }),
      );
    },
  });

  const verdicts = (checkId: string) =>
    suite.report.findings
      .filter((finding) => finding.checkId === checkId)
      .map((finding) => [finding.resourceId, finding.status])
      .sort();

  test('passes distributions with legacy or v2 access logging and fails the one without', () => {
    const statuses = suite.report.findings
      .filter((finding) => finding.checkId === 'cloudfront_distributions_logging_enabled')
      .map((finding) => finding.status)
      .sort();
    expect(statuses).toEqual(['FAIL', 'PASS', 'PASS']);
    expect(
      suite.report.findings.find(
        (finding) =>
          finding.checkId === 'cloudfront_distributions_logging_enabled' &&
          finding.status === 'FAIL',
      )?.message,
    ).toMatch(/neither standard logging nor a v2 access-log delivery/);
  });

  test('fails each resource whose policy lets anyone in, and passes the limited ones', () => {
    expect(verdicts('s3_bucket_policy_not_publicly_accessible')).toEqual([
      ['internal', 'PASS'],
      ['site', 'FAIL'],
    ]);
    expect(verdicts('sqs_queues_not_publicly_accessible')).toEqual([
      ['events', 'PASS'],
      ['inbox', 'FAIL'],
    ]);
    // A new topic's default policy allows {"AWS": "*"} limited by AWS:SourceOwner.
    expect(verdicts('sns_topics_not_publicly_accessible')).toEqual([
      ['alerts', 'PASS'],
      ['open', 'FAIL'],
    ]);
    expect(verdicts('lambda_function_not_publicly_accessible')).toEqual([
      ['private-fn', 'PASS'],
      ['public-fn', 'FAIL'],
    ]);
    expect(verdicts('kms_key_not_publicly_accessible').map(([, status]) => status)).toEqual([
      'FAIL',
    ]);
    expect(verdicts('eventbridge_bus_not_publicly_accessible')).toEqual([['default', 'FAIL']]);
    expect(verdicts('secretsmanager_not_publicly_accessible')).toEqual([
      ['plain-secret', 'PASS'],
      ['shared-secret', 'FAIL'],
      ['team-secret', 'PASS'],
    ]);
    expect(verdicts('glacier_vaults_policy_public_access').map(([, status]) => status)).toEqual([
      'NOT_APPLICABLE',
    ]);
  });
});
