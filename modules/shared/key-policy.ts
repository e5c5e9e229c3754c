import type { AwsContext } from './aws-context';
import type { PolicyStatement } from './policy-document';

/**
 * Lets the account's IAM policies decide who administers and uses a key. Without it the key
 * could become unmanageable.
 */
export function accountAdministersKey(context: AwsContext): PolicyStatement {
  return {
    Sid: 'AccountAdministersKey',
    Effect: 'Allow',
    Principal: { AWS: context.accountRootArn() },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** Lets CloudWatch alarms of the account publish to a topic encrypted with the key: they publish as the CloudWatch service. */
export function cloudWatchPublishesAlarms(context: AwsContext): PolicyStatement {
  return {
    Sid: 'CloudWatchPublishesAlarms',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': context.accountId } },
  };
}
