import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import {
  onlyResourceOfType,
  policyStatements,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import { AlarmTopic, type AlarmTopicProps } from './alarm-topic';

const synthTopic = (props: AlarmTopicProps = {}) =>
  synthScope((scope) => new AlarmTopic(scope, 'alarm-topic', props));

describe('AlarmTopic', () => {
  test('is encrypted with a rotating key that CloudWatch may publish with', () => {
    const synthesized = synthTopic();
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'pyjamas-security-alarms',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./),
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(
      statementWithSid(
        policyStatements(onlyResourceOfType(synthesized, 'aws_kms_key')),
        'CloudWatchPublishesAlarms',
      ),
    ).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    });
  });

  test('subscribes the addresses given', () => {
    expect(synthTopic({ emailAddresses: ['soc@example.com'] })).toHaveResourceWithProperties(
      SnsTopicSubscription,
      { protocol: 'email', endpoint: 'soc@example.com' },
    );
  });

  test.each([
    [
      { emailAddresses: ['soc'] },
      /AlarmTopic: emailAddresses must be a list of email addresses, got "soc"/,
    ],
    [{ namePrefix: '' }, /AlarmTopic: namePrefix must be/],
  ])('rejects %j', (props, message) => {
    expect(() => synthTopic(props)).toThrow(message);
  });
});
