import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import {
  GetVaultAccessPolicyCommand,
  GlacierClient,
  ListVaultsCommand,
} from '@aws-sdk/client-glacier';
import { GetKeyPolicyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  GetResourcePolicyCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import {
  eventBuses,
  glacierVaults,
  kmsKeyPolicies,
  lambdaFunctions,
  secrets,
  snsTopics,
  sqsQueues,
} from './resource-policies';

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const lambda = mockClient(LambdaClient);
const kms = mockClient(KMSClient);
const events = mockClient(EventBridgeClient);
const glacier = mockClient(GlacierClient);
const secretsManager = mockClient(SecretsManagerClient);

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
});
const PARSED = {
  ok: true,
  data: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  },
};
const QUEUES = 'https://sqs.us-east-1.amazonaws.com/123456789012';
const error = (name: string) => Object.assign(new Error(name), { name });

beforeEach(() => {
  for (const mock of [sqs, sns, lambda, kms, events, glacier, secretsManager]) mock.reset();
});

describe('the resource-policy collectors', () => {
  test('read every page of SQS queues and each queue policy, one refusal an error for that queue', async () => {
    sqs
      .on(ListQueuesCommand)
      .resolvesOnce({
        QueueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/orders'],
        NextToken: 't',
      })
      .resolves({
        QueueUrls: [
          'https://sqs.us-east-1.amazonaws.com/123456789012/plain',
          'https://sqs.us-east-1.amazonaws.com/123456789012/denied',
        ],
      });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: `${QUEUES}/orders` })
      .resolves({ Attributes: { Policy: POLICY } })
      .on(GetQueueAttributesCommand, { QueueUrl: `${QUEUES}/plain` })
      .resolves({ Attributes: {} })
      .on(GetQueueAttributesCommand, { QueueUrl: `${QUEUES}/denied` })
      .rejects(error('AccessDenied'));
    const queues = await sqsQueues.collect(collectContext(), 'us-east-1');
    expect(queues.map((queue) => [queue.name, queue.arn, queue.policy.ok])).toEqual([
      ['orders', 'arn:aws:sqs:us-east-1:123456789012:orders', true],
      ['plain', 'arn:aws:sqs:us-east-1:123456789012:plain', true],
      ['denied', 'arn:aws:sqs:us-east-1:123456789012:denied', false],
    ]);
    expect(queues[0]?.policy).toEqual(PARSED);
    expect(queues[1]?.policy).toEqual({ ok: true, data: null });
    // The paginator reuses one input object, so the calls are told apart by their count.
    const listed = sqs.commandCalls(ListQueuesCommand);
    expect(listed).toHaveLength(2);
    expect(listed[1]?.args[0].input).toEqual({ MaxResults: 1000, NextToken: 't' });
  });

  test('read each SNS topic policy', async () => {
    sns
      .on(ListTopicsCommand)
      .resolves({ Topics: [{ TopicArn: 'arn:aws:sns:us-east-1:1:alerts' }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: POLICY } });
    expect(await snsTopics.collect(collectContext(), 'us-east-1')).toEqual([
      { name: 'alerts', arn: 'arn:aws:sns:us-east-1:1:alerts', policy: PARSED },
    ]);
  });

  test('read each Lambda function policy, a function without one answering 404', async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        { FunctionName: 'api', FunctionArn: 'arn:fn:api' },
        { FunctionName: 'job', FunctionArn: 'arn:fn:job' },
        { FunctionName: 'locked', FunctionArn: 'arn:fn:locked' },
      ],
    });
    lambda
      .on(GetPolicyCommand, { FunctionName: 'api' })
      .resolves({ Policy: POLICY })
      .on(GetPolicyCommand, { FunctionName: 'job' })
      .rejects(error('ResourceNotFoundException'))
      .on(GetPolicyCommand, { FunctionName: 'locked' })
      .rejects(error('AccessDeniedException'));
    const functions = await lambdaFunctions.collect(collectContext(), 'us-east-1');
    expect(functions.map((fn) => fn.policy)).toEqual([
      PARSED,
      { ok: true, data: null },
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ name: 'AccessDeniedException' }),
      }),
    ]);
  });

  test('read each KMS key policy by its only name, default', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'k1', KeyArn: 'arn:key/k1' }] });
    kms
      .on(GetKeyPolicyCommand, { KeyId: 'k1', PolicyName: 'default' })
      .resolves({ Policy: POLICY });
    expect(await kmsKeyPolicies.collect(collectContext(), 'us-east-1')).toEqual([
      { name: 'k1', arn: 'arn:key/k1', policy: PARSED },
    ]);
  });

  test('take each event bus policy from every page of ListEventBuses', async () => {
    events
      .on(ListEventBusesCommand)
      .resolvesOnce({ EventBuses: [{ Name: 'default', Arn: 'arn:bus/default' }], NextToken: 't' })
      .resolves({ EventBuses: [{ Name: 'shared', Arn: 'arn:bus/shared', Policy: POLICY }] });
    expect(await eventBuses.collect(collectContext(), 'us-east-1')).toEqual([
      { name: 'default', arn: 'arn:bus/default', policy: { ok: true, data: null } },
      { name: 'shared', arn: 'arn:bus/shared', policy: PARSED },
    ]);
  });

  test('read every page of Glacier vaults and each access policy, a vault without one answering 404', async () => {
    // moto lists vaults but has no access-policy subresource, so this path is mocked only.
    glacier
      .on(ListVaultsCommand)
      .resolvesOnce({
        VaultList: [{ VaultName: 'backups', VaultARN: 'arn:vault/backups' }],
        Marker: 'arn:vault/backups',
      })
      .resolves({
        VaultList: [
          { VaultName: 'plain', VaultARN: 'arn:vault/plain' },
          { VaultName: 'locked', VaultARN: 'arn:vault/locked' },
        ],
      });
    glacier
      .on(GetVaultAccessPolicyCommand, { accountId: '-', vaultName: 'backups' })
      .resolves({ policy: { Policy: POLICY } })
      .on(GetVaultAccessPolicyCommand, { vaultName: 'plain' })
      .rejects(error('ResourceNotFoundException'))
      .on(GetVaultAccessPolicyCommand, { vaultName: 'locked' })
      .rejects(error('AccessDeniedException'));
    const vaults = await glacierVaults.collect(collectContext(), 'us-east-1');
    expect(vaults.map((vault) => [vault.name, vault.arn, vault.policy])).toEqual([
      ['backups', 'arn:vault/backups', PARSED],
      ['plain', 'arn:vault/plain', { ok: true, data: null }],
      [
        'locked',
        'arn:vault/locked',
        expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ name: 'AccessDeniedException' }),
        }),
      ],
    ]);
    const listed = glacier.commandCalls(ListVaultsCommand);
    expect(listed).toHaveLength(2);
    expect(listed[1]?.args[0].input).toEqual({
      accountId: '-',
      limit: 1000,
      marker: 'arn:vault/backups',
    });
  });

  test('read every page of secrets and each resource policy by ARN, none answering no text', async () => {
    secretsManager
      .on(ListSecretsCommand)
      .resolvesOnce({ SecretList: [{ Name: 'db', ARN: 'arn:secret:db-AbCdEf' }], NextToken: 't' })
      .resolves({ SecretList: [{ Name: 'api', ARN: 'arn:secret:api-GhIjKl' }] });
    secretsManager
      .on(GetResourcePolicyCommand, { SecretId: 'arn:secret:db-AbCdEf' })
      .resolves({ ARN: 'arn:secret:db-AbCdEf', Name: 'db', ResourcePolicy: POLICY })
      .on(GetResourcePolicyCommand, { SecretId: 'arn:secret:api-GhIjKl' })
      .resolves({ ARN: 'arn:secret:api-GhIjKl', Name: 'api' });
    expect(await secrets.collect(collectContext(), 'us-east-1')).toEqual([
      { name: 'db', arn: 'arn:secret:db-AbCdEf', policy: PARSED },
      { name: 'api', arn: 'arn:secret:api-GhIjKl', policy: { ok: true, data: null } },
    ]);
    const listed = secretsManager.commandCalls(ListSecretsCommand);
    expect(listed).toHaveLength(2);
    expect(listed[1]?.args[0].input).toEqual({ MaxResults: 100, NextToken: 't' });
  });
});
