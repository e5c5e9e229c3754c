import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import {
  GetVaultAccessPolicyCommand,
  GlacierClient,
  paginateListVaults,
} from '@aws-sdk/client-glacier';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetPolicyCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { GetTopicAttributesCommand, SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import {
  GetResourcePolicyCommand,
  SecretsManagerClient,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import type { PolicyDocument } from '../model/policy';
import type { PolicyResource } from '../model/resource-policy';
import { fetchDetail, type RegionalCollector } from './collector';
import { listKmsKeys } from './kms-key-list';
import { parsePolicyDocument } from './policy-document';

/** A policy text as the service returns it; absent or empty means no policy. */
function policyOf(text: string | undefined): PolicyDocument | null {
  return text ? parsePolicyDocument(text) : null;
}

/** The policy text `read` returns, or none where the service answers 404 ResourceNotFoundException. */
async function unlessNotFound(
  read: () => Promise<string | undefined>,
): Promise<string | undefined> {
  try {
    return await read();
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Reads each listed resource's policy on its own, so one refusal is an error for it only. */
function withPolicies(
  listed: readonly { name: string; arn: string }[],
  api: string,
  region: string,
  read: (item: { name: string; arn: string }) => Promise<string | undefined>,
): Promise<PolicyResource[]> {
  return Promise.all(
    listed.map(async (item) => ({
      ...item,
      policy: await fetchDetail(api, region, async () => policyOf(await read(item))),
    })),
  );
}

/** A region's SQS queues with their access policies (GetQueueAttributes `Policy`). */
export const sqsQueues: RegionalCollector<'sqsQueues'> = {
  scope: 'regional',
  apis: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
  async collect(ctx, region) {
    const client = ctx.aws.get(SQSClient, region);
    const urls: string[] = [];
    // ListQueues returns a NextToken only when MaxResults is set (up to 1,000).
    for await (const page of paginateListQueues({ client, pageSize: 1000 }, {}))
      urls.push(...(page.QueueUrls ?? []));
    return Promise.all(
      urls.map(async (url): Promise<PolicyResource> => {
        const name = url.slice(url.lastIndexOf('/') + 1);
        const arn = `arn:${ctx.partition}:sqs:${region}:${ctx.account}:${name}`;
        const policy = await fetchDetail('sqs:GetQueueAttributes', region, async () => {
          const { Attributes } = await client.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }),
          );
          return policyOf(Attributes?.Policy);
        });
        return { name, arn, policy };
      }),
    );
  },
};

/** A region's SNS topics with their access policies (GetTopicAttributes `Policy`). */
export const snsTopics: RegionalCollector<'snsTopics'> = {
  scope: 'regional',
  apis: ['sns:ListTopics', 'sns:GetTopicAttributes'],
  async collect(ctx, region) {
    const client = ctx.aws.get(SNSClient, region);
    const listed: { name: string; arn: string }[] = [];
    for await (const page of paginateListTopics({ client }, {}))
      for (const topic of page.Topics ?? []) {
        const arn = topic.TopicArn ?? '';
        listed.push({ name: arn.slice(arn.lastIndexOf(':') + 1), arn });
      }
    return withPolicies(listed, 'sns:GetTopicAttributes', region, async ({ arn }) => {
      const { Attributes } = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }));
      return Attributes?.Policy;
    });
  },
};

/**
 * A region's Lambda functions with their resource policies (GetPolicy of the unqualified
 * function; versions and aliases carry policies of their own, which this does not read).
 */
export const lambdaFunctions: RegionalCollector<'lambdaFunctions'> = {
  scope: 'regional',
  apis: ['lambda:ListFunctions', 'lambda:GetPolicy'],
  async collect(ctx, region) {
    const client = ctx.aws.get(LambdaClient, region);
    const listed: { name: string; arn: string }[] = [];
    for await (const page of paginateListFunctions({ client }, {}))
      for (const fn of page.Functions ?? [])
        listed.push({ name: fn.FunctionName ?? '', arn: fn.FunctionArn ?? '' });
    // A function nobody was granted access to has no policy: GetPolicy answers 404.
    return withPolicies(listed, 'lambda:GetPolicy', region, ({ name }) =>
      unlessNotFound(async () => {
        const { Policy } = await client.send(new GetPolicyCommand({ FunctionName: name }));
        return Policy;
      }),
    );
  },
};

/**
 * A region's KMS keys with their key policies (GetKeyPolicy `default`, the only policy name KMS
 * supports), from the key listing the rotation collector shares. AWS-managed keys are included:
 * their policies allow `{"AWS": "*"}` limited by kms:CallerAccount, which counts as restricted.
 */
export const kmsKeyPolicies: RegionalCollector<'kmsKeyPolicies'> = {
  scope: 'regional',
  apis: ['kms:ListKeys', 'kms:GetKeyPolicy'],
  async collect(ctx, region) {
    const client = ctx.aws.get(KMSClient, region);
    const listed = (await listKmsKeys(ctx, region)).map(({ id, arn }) => ({ name: id, arn }));
    return withPolicies(listed, 'kms:GetKeyPolicy', region, async ({ name }) => {
      const { Policy } = await client.send(
        new GetKeyPolicyCommand({ KeyId: name, PolicyName: 'default' }),
      );
      return Policy;
    });
  },
};

/** A region's EventBridge event buses; ListEventBuses returns each bus's policy with it. */
export const eventBuses: RegionalCollector<'eventBuses'> = {
  scope: 'regional',
  apis: ['events:ListEventBuses'],
  async collect(ctx, region) {
    const client = ctx.aws.get(EventBridgeClient, region);
    const buses: PolicyResource[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListEventBusesCommand({ NextToken: token }));
      for (const bus of page.EventBuses ?? [])
        buses.push({
          name: bus.Name ?? '',
          arn: bus.Arn ?? '',
          // A policy that does not parse is an error for its bus only.
          policy: await fetchDetail('events:ListEventBuses', region, () =>
            Promise.resolve(policyOf(bus.Policy)),
          ),
        });
      token = page.NextToken;
    } while (token);
    return buses;
  },
};

/**
 * A region's S3 Glacier vaults with their access policies. A vault without one answers
 * GetVaultAccessPolicy with 404 ResourceNotFoundException. moto lists vaults but does not
 * implement the access-policy subresource.
 */
export const glacierVaults: RegionalCollector<'glacierVaults'> = {
  scope: 'regional',
  apis: ['glacier:ListVaults', 'glacier:GetVaultAccessPolicy'],
  async collect(ctx, region) {
    const client = ctx.aws.get(GlacierClient, region);
    const listed: { name: string; arn: string }[] = [];
    // accountId "-" is the signing account; ListVaults returns up to 1,000 vaults a page.
    for await (const page of paginateListVaults({ client, pageSize: 1000 }, { accountId: '-' }))
      for (const vault of page.VaultList ?? [])
        listed.push({ name: vault.VaultName ?? '', arn: vault.VaultARN ?? '' });
    return withPolicies(listed, 'glacier:GetVaultAccessPolicy', region, ({ name }) =>
      unlessNotFound(async () => {
        const { policy } = await client.send(
          new GetVaultAccessPolicyCommand({ accountId: '-', vaultName: name }),
        );
        return policy?.Policy;
      }),
    );
  },
};

/**
 * A region's Secrets Manager secrets with their resource policies. GetResourcePolicy answers a
 * secret without a policy with no `ResourcePolicy`, not an error. Secrets scheduled for deletion
 * are not listed: they cannot be read until restored.
 */
export const secrets: RegionalCollector<'secrets'> = {
  scope: 'regional',
  apis: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
  async collect(ctx, region) {
    const client = ctx.aws.get(SecretsManagerClient, region);
    const listed: { name: string; arn: string }[] = [];
    // ListSecrets returns at most 100 secrets a page.
    for await (const page of paginateListSecrets({ client, pageSize: 100 }, {}))
      for (const secret of page.SecretList ?? [])
        listed.push({ name: secret.Name ?? '', arn: secret.ARN ?? '' });
    return withPolicies(listed, 'secretsmanager:GetResourcePolicy', region, async ({ arn }) => {
      const { ResourcePolicy } = await client.send(new GetResourcePolicyCommand({ SecretId: arn }));
      return ResourcePolicy;
    });
  },
};
