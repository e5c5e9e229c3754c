import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { TrailEventLookup } from './trail-events';

// moto has no LookupEvents, so the SDK calls are mocked.
const cloudTrail = mockClient(CloudTrailClient);
beforeEach(() => cloudTrail.reset());

const aws = () => new AwsClients({ env: {}, maxAttempts: 1 });

describe('TrailEventLookup', () => {
  test('answers with the newest write event naming the resource, skipping reads', async () => {
    cloudTrail.on(LookupEventsCommand).resolves({
      Events: [
        {
          EventName: 'DescribeSecurityGroups',
          ReadOnly: 'true',
          EventTime: new Date('2026-12-07T12:00:00Z'),
        },
        {
          EventName: 'CreateSecurityGroup',
          ReadOnly: 'false',
          EventTime: new Date('2026-11-01T08:00:00Z'),
          CloudTrailEvent: JSON.stringify({ userIdentity: { arn: 'arn:aws:iam::1:role/deploy' } }),
        },
        {
          EventName: 'AuthorizeSecurityGroupIngress',
          ReadOnly: 'false',
          EventTime: new Date('2026-12-07T10:00:00Z'),
          AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          CloudTrailEvent: JSON.stringify({
            sourceIPAddress: '203.0.113.9',
            userIdentity: { arn: 'arn:aws:iam::1:user/mallory' },
          }),
        },
      ],
    });
    const answer = await new TrailEventLookup(aws()).lastChange('eu-west-1', 'sg-0aaa');
    expect(answer).toEqual({
      found: {
        event: 'AuthorizeSecurityGroupIngress',
        time: '2026-12-07T10:00:00.000Z',
        principal: 'arn:aws:iam::1:user/mallory',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        sourceIp: '203.0.113.9',
      },
    });
    expect(cloudTrail.commandCalls(LookupEventsCommand)[0]?.args[0].input).toEqual({
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'sg-0aaa' }],
      MaxResults: 50,
    });
  });

  test('answers none when only reads name the resource', async () => {
    cloudTrail
      .on(LookupEventsCommand)
      .resolves({ Events: [{ EventName: 'DescribeFlowLogs', ReadOnly: 'true' }] });
    expect(await new TrailEventLookup(aws()).lastChange('us-east-1', 'fl-1')).toEqual({
      none: true,
    });
  });

  test('answers unavailable with the error, and does not ask that region again', async () => {
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    cloudTrail.on(LookupEventsCommand).rejects(denied);
    const lookup = new TrailEventLookup(aws());
    const first = await lookup.lastChange('us-east-1', 'sg-1');
    const second = await lookup.lastChange('us-east-1', 'sg-2');
    expect(first).toEqual({
      unavailable:
        'CloudTrail LookupEvents unavailable in us-east-1: AccessDeniedException: not allowed',
    });
    expect(second).toEqual(first);
    expect(cloudTrail.commandCalls(LookupEventsCommand)).toHaveLength(1);
  });
});
