import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { ACCOUNT } from '../../test/fixtures/inventory';
import { MAX_LOOKUP_PAGES, identityCreationEvents, instanceLaunchEvents } from './creation-events';

// moto 5.2.1 has no LookupEvents (it answers HTTP 500), so the SDK calls are mocked.
const cloudTrail = mockClient(CloudTrailClient);
beforeEach(() => cloudTrail.reset());

const SINCE = '2026-11-30T08:00:00Z';
const withSince = () => ({ ...collectContext(), createdSince: SINCE });

function trailEvent(name: string, time: string, record: object): Event {
  return {
    EventId: `${name}-${time}`,
    EventName: name,
    EventTime: new Date(time),
    CloudTrailEvent: JSON.stringify({ eventName: name, eventTime: time, ...record }),
  };
}

const MALLORY = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/mallory`,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};
const DEPLOYER_SESSION = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/pipeline-42`,
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  sessionContext: {
    sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/Deployer` },
  },
};

describe('instanceLaunchEvents', () => {
  test('reads RunInstances since createdSince, page by page, as the instances and who launched them', async () => {
    cloudTrail
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [
          trailEvent('RunInstances', '2026-12-01T03:00:00Z', {
            sourceIPAddress: '203.0.113.9',
            userIdentity: MALLORY,
            responseElements: {
              instancesSet: { items: [{ instanceId: 'i-0aaa' }, { instanceId: 'i-0bbb' }] },
            },
          }),
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Events: [
          trailEvent('RunInstances', '2026-11-30T09:00:00Z', {
            userIdentity: DEPLOYER_SESSION,
            responseElements: { instancesSet: { items: [{ instanceId: 'i-0ccc' }] } },
          }),
          // A refused call created nothing: CloudTrail records an errorCode and no response.
          trailEvent('RunInstances', '2026-11-30T08:30:00Z', {
            userIdentity: MALLORY,
            errorCode: 'Client.UnauthorizedOperation',
            responseElements: null,
          }),
        ],
      });
    const slice = await instanceLaunchEvents.collect(withSince(), 'ap-southeast-3');
    expect(slice.since).toBe(SINCE);
    expect(slice.lookup).toEqual({
      ok: true,
      data: {
        truncated: [],
        events: [
          {
            eventId: 'RunInstances-2026-12-01T03:00:00Z',
            eventName: 'RunInstances',
            eventTime: '2026-12-01T03:00:00.000Z',
            sourceIp: '203.0.113.9',
            accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
            creator: {
              identityType: 'IAMUser',
              arn: MALLORY.arn,
              sessionIssuer: null,
              invokedBy: null,
            },
            resources: ['i-0aaa', 'i-0bbb'].map((id) => ({
              type: 'AwsEc2Instance',
              id,
              arn: `arn:aws:ec2:ap-southeast-3:${ACCOUNT}:instance/${id}`,
            })),
          },
          expect.objectContaining({
            creator: {
              identityType: 'AssumedRole',
              arn: DEPLOYER_SESSION.arn,
              sessionIssuer: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
              invokedBy: null,
            },
            resources: [expect.objectContaining({ id: 'i-0ccc' })],
          }),
        ],
      },
    });
    const inputs = cloudTrail.commandCalls(LookupEventsCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'RunInstances' }],
        StartTime: new Date(SINCE),
        MaxResults: 50,
      },
      {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'RunInstances' }],
        StartTime: new Date(SINCE),
        MaxResults: 50,
        NextToken: 'page-2',
      },
    ]);
  });

  test('reads nothing when the scan sets no createdSince', async () => {
    const slice = await instanceLaunchEvents.collect(collectContext(), 'eu-west-1');
    expect(slice).toEqual({
      since: null,
      lookup: { ok: true, data: { events: [], truncated: [] } },
    });
    expect(cloudTrail.commandCalls(LookupEventsCommand)).toHaveLength(0);
  });

  test('keeps a refused lookup as the answer, naming the API, region and AWS error', async () => {
    cloudTrail.on(LookupEventsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: cloudtrail:LookupEvents'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const slice = await instanceLaunchEvents.collect(withSince(), 'eu-west-1');
    expect(slice.lookup).toEqual({
      ok: false,
      error: {
        api: 'cloudtrail:LookupEvents',
        region: 'eu-west-1',
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: cloudtrail:LookupEvents',
      },
    });
  });

  test(`stops after ${MAX_LOOKUP_PAGES} pages at two requests a second and says the event name was not read in full`, async () => {
    jest.useFakeTimers();
    try {
      cloudTrail.on(LookupEventsCommand).resolves({ Events: [], NextToken: 'more' });
      const collecting = instanceLaunchEvents.collect(withSince(), 'eu-west-1');
      const started = Date.now();
      let slice: Awaited<typeof collecting> | undefined;
      void collecting.then((result) => (slice = result));
      while (!slice) await jest.advanceTimersByTimeAsync(100);
      expect(cloudTrail.commandCalls(LookupEventsCommand)).toHaveLength(MAX_LOOKUP_PAGES);
      // A burst of two, then one request every half second.
      expect(Date.now() - started).toBeGreaterThanOrEqual(((MAX_LOOKUP_PAGES - 2) / 2) * 1000);
      expect(slice.lookup).toEqual({ ok: true, data: { events: [], truncated: ['RunInstances'] } });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('identityCreationEvents', () => {
  test('reads CreateUser, CreateRole and CreateAccessKey in the global region as what each made', async () => {
    const page = (name: string, record: object) => ({
      Events: [trailEvent(name, '2026-12-01T03:00:00Z', { userIdentity: MALLORY, ...record })],
    });
    const lookup = (name: string) => ({
      LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: name }],
      StartTime: new Date(SINCE),
      MaxResults: 50,
    });
    cloudTrail
      .on(LookupEventsCommand, lookup('CreateUser'))
      .resolves(
        page('CreateUser', {
          responseElements: {
            user: { userName: 'backdoor', arn: `arn:aws:iam::${ACCOUNT}:user/ops/backdoor` },
          },
        }),
      )
      .on(LookupEventsCommand, lookup('CreateRole'))
      .resolves(
        page('CreateRole', {
          responseElements: {
            role: { roleName: 'miner', arn: `arn:aws:iam::${ACCOUNT}:role/miner` },
          },
        }),
      )
      .on(LookupEventsCommand, lookup('CreateAccessKey'))
      .resolves(
        page('CreateAccessKey', {
          requestParameters: { userName: 'alice' },
          responseElements: {
            accessKey: { accessKeyId: 'AKIANEWKEY', userName: 'alice', status: 'Active' },
          },
        }),
      );
    const slice = await identityCreationEvents.collect(withSince());
    expect(cloudTrail.commandCalls(LookupEventsCommand)).toHaveLength(3);
    expect(slice.lookup.ok && slice.lookup.data.events.flatMap((event) => event.resources)).toEqual(
      [
        { type: 'AwsIamUser', id: 'backdoor', arn: `arn:aws:iam::${ACCOUNT}:user/ops/backdoor` },
        { type: 'AwsIamRole', id: 'miner', arn: `arn:aws:iam::${ACCOUNT}:role/miner` },
        {
          type: 'AwsIamAccessKey',
          id: 'AKIANEWKEY',
          arn: `arn:aws:iam::${ACCOUNT}:user/alice/access-key/AKIANEWKEY`,
        },
      ],
    );
  });
});
