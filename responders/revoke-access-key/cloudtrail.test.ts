import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import {
  CloudTrailPacer,
  earliestEventTime,
  findMintingKey,
  lookupKeyEvents,
  lookupKeyEventsEverywhere,
  principalOfSession,
  sessionsMintedBy,
  type CloudTrailRecord,
} from './cloudtrail';

const cloudtrail = mockClient(CloudTrailClient);
const aws = new AwsClients({ maxAttempts: 1, env: {} });
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const START = new Date('2026-03-01T00:00:00Z');

beforeEach(() => cloudtrail.reset());

/** A clock that only moves when the pacer sleeps, recording each sleep. */
function pacedClock(): { clock: Clock; sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(now) },
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function event(record: CloudTrailRecord): { CloudTrailEvent: string; EventName?: string } {
  return {
    CloudTrailEvent: JSON.stringify(record),
    ...(record.eventName ? { EventName: record.eventName } : {}),
  };
}

const assumeRole: CloudTrailRecord = {
  eventTime: '2026-05-20T10:00:00Z',
  eventName: 'AssumeRole',
  awsRegion: 'us-east-1',
  userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: KEY },
  requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/deployer', roleSessionName: 'x' },
  responseElements: { credentials: { accessKeyId: 'ASIAMINTEDBYKEY00001' } },
};

describe('lookupKeyEvents', () => {
  test('asks for the events the key signed since the start, 50 a page, and follows NextToken', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .resolvesOnce({ Events: [event(assumeRole)], NextToken: 'page-2' })
      .resolvesOnce({
        Events: [event({ eventName: 'ListBuckets', eventTime: '2026-05-19T00:00:00Z' })],
      });
    const paced = pacedClock();
    const result = await lookupKeyEvents(aws, new CloudTrailPacer(paced.clock, paced.sleep), {
      accessKeyId: KEY,
      region: 'eu-west-1',
      startTime: START,
    });
    expect(result).toEqual({
      region: 'eu-west-1',
      events: [assumeRole, { eventName: 'ListBuckets', eventTime: '2026-05-19T00:00:00Z' }],
      pages: 2,
      truncated: false,
    });
    const inputs = cloudtrail.commandCalls(LookupEventsCommand).map((call) => call.args[0].input);
    expect(inputs[0]).toEqual({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }],
      StartTime: START,
      MaxResults: 50,
    });
    expect(inputs[1]).toMatchObject({ NextToken: 'page-2' });
  });

  test('keeps to 2 requests a second: the second page waits half a second', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .resolvesOnce({ Events: [], NextToken: 'a' })
      .resolvesOnce({ Events: [], NextToken: 'b' })
      .resolves({ Events: [] });
    const paced = pacedClock();
    await lookupKeyEvents(aws, new CloudTrailPacer(paced.clock, paced.sleep), {
      accessKeyId: KEY,
      region: 'eu-west-1',
      startTime: START,
    });
    expect(paced.sleeps).toEqual([500, 500]);
  });

  test('paces each region on its own', async () => {
    cloudtrail.on(LookupEventsCommand).resolves({ Events: [] });
    const paced = pacedClock();
    const pacer = new CloudTrailPacer(paced.clock, paced.sleep);
    await lookupKeyEvents(aws, pacer, { accessKeyId: KEY, region: 'eu-west-1', startTime: START });
    await lookupKeyEvents(aws, pacer, { accessKeyId: KEY, region: 'us-east-1', startTime: START });
    expect(paced.sleeps).toEqual([]);
  });

  test('stops at the page limit and says the extract is truncated', async () => {
    cloudtrail.on(LookupEventsCommand).resolves({ Events: [event(assumeRole)], NextToken: 'more' });
    const paced = pacedClock();
    const result = await lookupKeyEvents(aws, new CloudTrailPacer(paced.clock, paced.sleep), {
      accessKeyId: KEY,
      region: 'eu-west-1',
      startTime: START,
      maxPages: 3,
    });
    expect(result).toMatchObject({ pages: 3, truncated: true });
    expect(result.events).toHaveLength(3);
  });

  test('keeps the summary fields of an event whose raw record is missing or not JSON', async () => {
    cloudtrail.on(LookupEventsCommand).resolves({
      Events: [
        {
          EventId: 'e-1',
          EventName: 'GetCallerIdentity',
          EventSource: 'sts.amazonaws.com',
          EventTime: new Date('2026-05-01T00:00:00Z'),
          CloudTrailEvent: '{broken',
        },
      ],
    });
    const result = await lookupKeyEvents(aws, new CloudTrailPacer(), {
      accessKeyId: KEY,
      region: 'eu-west-1',
      startTime: START,
    });
    expect(result.events).toEqual([
      {
        eventID: 'e-1',
        eventName: 'GetCallerIdentity',
        eventSource: 'sts.amazonaws.com',
        eventTime: '2026-05-01T00:00:00Z',
      },
    ]);
  });

  test('throws the error of a page that fails', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .rejects(
        Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: {} }),
      );
    await expect(
      lookupKeyEvents(aws, new CloudTrailPacer(), {
        accessKeyId: KEY,
        region: 'eu-west-1',
        startTime: START,
      }),
    ).rejects.toThrow('denied');
  });
});

describe('lookupKeyEventsEverywhere', () => {
  test('reports each region as found or failed, and never throws', async () => {
    cloudtrail.on(LookupEventsCommand).resolves({ Events: [event(assumeRole)] });
    const denied = Object.assign(new Error('not allowed here'), {
      name: 'AccessDeniedException',
      $metadata: {},
    });
    // Only the eu-west-1 client is denied: each region has its own client.
    const eu = aws.get(CloudTrailClient, 'eu-west-1');
    const send = jest.spyOn(eu, 'send').mockRejectedValue(denied as never);
    const result = await lookupKeyEventsEverywhere(aws, new CloudTrailPacer(), {
      accessKeyId: KEY,
      regions: ['us-east-1', 'eu-west-1'],
      startTime: START,
    });
    send.mockRestore();
    expect(result).toEqual([
      {
        region: 'us-east-1',
        ok: true,
        result: { region: 'us-east-1', events: [assumeRole], pages: 1, truncated: false },
      },
      {
        region: 'eu-west-1',
        ok: false,
        error: { name: 'AccessDeniedException', message: 'not allowed here' },
      },
    ]);
  });
});

describe('sessionsMintedBy', () => {
  test('lists the successful AssumeRole, GetSessionToken and GetFederationToken calls the key signed, oldest first', () => {
    const token: CloudTrailRecord = {
      ...assumeRole,
      eventName: 'GetSessionToken',
      eventTime: '2026-05-01T00:00:00Z',
      requestParameters: null,
      responseElements: { credentials: { accessKeyId: 'ASIATOKEN00000000001' } },
    };
    const failed: CloudTrailRecord = { ...assumeRole, errorCode: 'AccessDenied' };
    const otherKey: CloudTrailRecord = {
      ...assumeRole,
      userIdentity: { accessKeyId: 'AKIAOTHERKEY00000001' },
    };
    const listing: CloudTrailRecord = { ...assumeRole, eventName: 'ListRoles' };
    expect(sessionsMintedBy(KEY, [assumeRole, token, failed, otherKey, listing])).toEqual([
      {
        eventName: 'GetSessionToken',
        eventTime: '2026-05-01T00:00:00Z',
        region: 'us-east-1',
        sessionKeyId: 'ASIATOKEN00000000001',
      },
      {
        eventName: 'AssumeRole',
        eventTime: '2026-05-20T10:00:00Z',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::123456789012:role/deployer',
        roleSessionName: 'x',
        sessionKeyId: 'ASIAMINTEDBYKEY00001',
      },
    ]);
  });
});

describe('principalOfSession', () => {
  const asia = 'ASIAIOSFODNN7EXAMPLE';
  const signed = (userIdentity: CloudTrailRecord['userIdentity']): CloudTrailRecord[] => [
    { eventName: 'ListBuckets', userIdentity: { ...userIdentity, accessKeyId: asia } },
  ];
  const issuer = (type: string, userName: string, arn: string) => ({
    sessionContext: { sessionIssuer: { type, userName, arn, accountId: '123456789012' } },
  });

  test.each([
    [
      'an assumed role names its role',
      signed({
        type: 'AssumedRole',
        ...issuer('Role', 'web', 'arn:aws:iam::123456789012:role/app/web'),
      }),
      {
        type: 'role',
        roleName: 'web',
        roleArn: 'arn:aws:iam::123456789012:role/app/web',
        account: '123456789012',
      },
    ],
    [
      'a federated user names its IAM user',
      signed({
        type: 'FederatedUser',
        ...issuer('IAMUser', 'alice', 'arn:aws:iam::123456789012:user/alice'),
      }),
      { type: 'user', userName: 'alice', via: 'GetFederationToken' },
    ],
    [
      'an IAM user with a temporary key is a GetSessionToken session',
      signed({ type: 'IAMUser', userName: 'alice' }),
      { type: 'user', userName: 'alice', via: 'GetSessionToken' },
    ],
    ['the root user', signed({ type: 'Root' }), { type: 'root' }],
    ['a service', signed({ type: 'AWSService' }), { type: 'other', identityType: 'AWSService' }],
    [
      'an assumed role without its issuer',
      signed({ type: 'AssumedRole' }),
      { type: 'other', identityType: 'AssumedRole' },
    ],
  ])('%s', (_, events, principal) => {
    expect(principalOfSession(asia, events)).toEqual(principal);
  });

  test('is unknown without an event signed by the key', () => {
    expect(
      principalOfSession(asia, [
        {
          eventName: 'ListBuckets',
          userIdentity: { type: 'Root', accessKeyId: 'ASIAOTHER00000000000' },
        },
      ]),
    ).toBeUndefined();
  });
});

describe('earliestEventTime', () => {
  test('finds the first event whatever the order', () => {
    expect(
      earliestEventTime([
        { eventTime: '2026-05-02T00:00:00Z' },
        { eventTime: '2026-05-01T00:00:00Z' },
        {},
      ]),
    ).toBe('2026-05-01T00:00:00Z');
    expect(earliestEventTime([])).toBeUndefined();
  });
});

// moto has no LookupEvents: these answers are the records CloudTrail keeps for GetSessionToken.
describe('findMintingKey', () => {
  const SESSION_KEY = 'ASIAMINTEDBYKEY00002';
  const getSessionToken = (minted: string, signer = KEY): CloudTrailRecord => ({
    eventTime: '2026-05-31T09:00:00Z',
    eventName: 'GetSessionToken',
    awsRegion: 'us-east-1',
    userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: signer },
    responseElements: { credentials: { accessKeyId: minted } },
  });
  const pacer = () => {
    const paced = pacedClock();
    return new CloudTrailPacer(paced.clock, paced.sleep);
  };
  const query = {
    sessionKeyId: SESSION_KEY,
    eventName: 'GetSessionToken' as const,
    regions: ['us-east-1', 'eu-west-1'],
    startTime: START,
  };

  test('names the long-term key that signed the GetSessionToken call which returned the temporary key', async () => {
    cloudtrail.on(LookupEventsCommand).callsFake((input: { NextToken?: string }) =>
      input.NextToken === 'page-2'
        ? { Events: [event(getSessionToken(SESSION_KEY))], NextToken: 'page-3' }
        : {
            Events: [
              event(getSessionToken('ASIAOTHERSESSION0001', 'AKIAOTHERKEY00000001')),
              event({ ...getSessionToken(SESSION_KEY), errorCode: 'AccessDenied' }),
            ],
            NextToken: 'page-2',
          },
    );
    const found = await findMintingKey(aws, pacer(), query);
    expect(found).toEqual({
      found: true,
      accessKeyId: KEY,
      eventTime: '2026-05-31T09:00:00Z',
      region: 'us-east-1',
    });
    // Each region asks by event name, and stops at the page holding the match.
    const calls = cloudtrail.commandCalls(LookupEventsCommand).map((call) => call.args[0].input);
    expect(calls.every((input) => input.LookupAttributes?.[0]?.AttributeKey === 'EventName')).toBe(
      true,
    );
    expect(calls.filter((input) => input.NextToken === 'page-3')).toHaveLength(0);
  });

  test('says why when no call returned the key, and which regions could not be searched', async () => {
    cloudtrail.on(LookupEventsCommand).callsFake((_input, getClient) =>
      getClient()
        .config.region()
        .then((region: string) => {
          if (region === 'eu-west-1')
            throw Object.assign(new Error('denied'), {
              name: 'AccessDeniedException',
              $metadata: {},
            });
          return { Events: [event(getSessionToken('ASIAOTHERSESSION0001'))] };
        }),
    );
    const found = await findMintingKey(aws, pacer(), query);
    expect(found).toEqual({
      found: false,
      reason: `CloudTrail shows no GetSessionToken call that returned ${SESSION_KEY} since 2026-03-01T00:00:00.000Z in us-east-1, eu-west-1 (incomplete: eu-west-1: AccessDeniedException)`,
    });
  });
});
