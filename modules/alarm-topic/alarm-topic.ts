import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { AwsContext } from '../shared/aws-context';
import { accountAdministersKey, cloudWatchPublishesAlarms } from '../shared/key-policy';
import { policyDocument } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkEmailAddresses, checkNamePrefix } from '../shared/validation';

/** Properties of an {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * Email addresses subscribed to the topic; each must confirm its subscription.
   *
   * @default - no subscriptions
   */
  readonly emailAddresses?: string[];

  /**
   * Start of the topic name, `<prefix>-security-alarms`, the name of the home region's topic.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An encrypted SNS topic for the alarms of one region other than the home region. CloudWatch
 * alarms notify topics of their own region only, so a region with alarms (the responders' errors
 * and dead-letter queue) needs its own topic; it has the home topic's name and subscriptions.
 * Its dedicated rotating key lets CloudWatch publish, which the AWS managed SNS key does not.
 */
export class AlarmTopic extends Construct {
  /** ARN of the topic. */
  public readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('AlarmTopic', namePrefix);
    checkEmailAddresses('AlarmTopic', 'emailAddresses', props.emailAddresses ?? []);
    const { provider } = props;
    const context = new AwsContext(this, 'context', provider);
    const tags = plumbingTags(PLUMBING_COMPONENTS.alarmTopic);
    const key = new KmsKey(this, 'key', {
      provider,
      description: 'Pyjamas security alarm topic of this region',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([accountAdministersKey(context), cloudWatchPublishesAlarms(context)]),
      tags,
    });
    const topic = new SnsTopic(this, 'topic', {
      provider,
      name: `${namePrefix}-security-alarms`,
      kmsMasterKeyId: key.arn,
      tags,
    });
    this.topicArn = topic.arn;
    for (const address of props.emailAddresses ?? []) {
      new SnsTopicSubscription(this, `email-${address}`, {
        provider,
        topicArn: topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    }
  }
}
