import {
  ACCOUNT,
  daysAgo,
  failed,
  fetched,
  inventoryOf,
  runCheck,
  verdicts,
} from '../../../test/fixtures/inventory';
import type {
  CreatedResource,
  CreationEvent,
  CreationEvents,
  EventCreator,
} from '../../model/creation-events';
import check from './cloudtrail_new_resources_by_expected_creators';

const SINCE = daysAgo(3);
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
const SETTINGS = {
  createdSince: SINCE,
  expectedCreators: [DEPLOYER, `arn:aws:iam::${ACCOUNT}:user/ci-*`, 'autoscaling.amazonaws.com'],
};

const user = (name: string): EventCreator => ({
  identityType: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  sessionIssuer: null,
  invokedBy: null,
});
const deployerSession: EventCreator = {
  identityType: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/pipeline-42`,
  sessionIssuer: DEPLOYER,
  invokedBy: null,
};

function event(
  creator: EventCreator,
  resources: CreatedResource[],
  overrides: Partial<CreationEvent> = {},
): CreationEvent {
  return {
    eventId: resources[0]?.id ?? 'none',
    eventName: 'RunInstances',
    eventTime: daysAgo(1),
    sourceIp: '203.0.113.9',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    creator,
    resources,
    ...overrides,
  };
}
const instance = (id: string, region = 'ap-southeast-3'): CreatedResource => ({
  type: 'AwsEc2Instance',
  id,
  arn: `arn:aws:ec2:${region}:${ACCOUNT}:instance/${id}`,
});
const window = (events: CreationEvent[], truncated: string[] = []): CreationEvents => ({
  since: SINCE,
  lookup: fetched({ events, truncated }),
});

function account(
  identities: CreationEvents,
  launches: Record<string, CreationEvents> = { 'eu-west-1': window([]) },
) {
  return inventoryOf({
    global: { identityCreationEvents: identities },
    regional: Object.fromEntries(
      Object.entries(launches).map(([region, events]) => [
        region,
        { instanceLaunchEvents: events },
      ]),
    ),
  });
}

describe('cloudtrail_new_resources_by_expected_creators', () => {
  test('fails each resource an unexpected principal created, naming creator, time, source IP and key', () => {
    const findings = runCheck(
      check,
      account(
        window([
          event(
            user('mallory'),
            [
              {
                type: 'AwsIamUser',
                id: 'backdoor',
                arn: `arn:aws:iam::${ACCOUNT}:user/backdoor`,
              },
            ],
            { eventName: 'CreateUser', eventTime: '2026-05-31T02:00:00.000Z' },
          ),
          event(user('ci-release'), [
            { type: 'AwsIamRole', id: 'app', arn: `arn:aws:iam::${ACCOUNT}:role/app` },
          ]),
        ]),
        {
          'ap-southeast-3': window([
            event(user('mallory'), [instance('i-0aaa'), instance('i-0bbb')]),
          ]),
          'eu-west-1': window([event(deployerSession, [instance('i-0ccc', 'eu-west-1')])]),
        },
      ),
      SETTINGS,
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'backdoor'],
      ['FAIL', 'i-0aaa'],
      ['FAIL', 'i-0bbb'],
      ['PASS', ACCOUNT],
    ]);
    expect(findings[0]?.message).toBe(
      `User backdoor was created by arn:aws:iam::${ACCOUNT}:user/mallory at 2026-05-31T02:00:00.000Z from 203.0.113.9 with access key AKIAIOSFODNN7EXAMPLE (CreateUser), a principal outside expectedCreators.`,
    );
    expect(findings[1]).toMatchObject({ region: 'ap-southeast-3', resourceType: 'AwsEc2Instance' });
    expect(findings[3]).toMatchObject({
      region: 'eu-west-1',
      message: `All 1 resources created in eu-west-1 since ${SINCE} were created by expected principals.`,
    });
  });

  test('matches an assumed role by the role that issued the session, and names both when it fails', () => {
    const intruder: EventCreator = {
      identityType: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OrganizationAccountAccessRole/x`,
      sessionIssuer: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
      invokedBy: null,
    };
    const findings = runCheck(
      check,
      account(window([]), {
        'eu-west-1': window([
          event(deployerSession, [instance('i-0ok', 'eu-west-1')]),
          event(intruder, [instance('i-0bad', 'eu-west-1')]),
        ]),
      }),
      SETTINGS,
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', ACCOUNT],
      ['FAIL', 'i-0bad'],
    ]);
    expect(findings[1]?.message).toContain(
      `by arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole (AssumedRole session ${intruder.arn})`,
    );
  });

  test('takes a service principal only for what the service did on its own, not a call it relayed', () => {
    const service = (type: string): EventCreator => ({
      identityType: type,
      arn: type === 'AWSService' ? null : `arn:aws:iam::${ACCOUNT}:user/mallory`,
      sessionIssuer: null,
      invokedBy: 'autoscaling.amazonaws.com',
    });
    const findings = runCheck(
      check,
      account(window([]), {
        'eu-west-1': window([
          event(service('AWSService'), [instance('i-0asg', 'eu-west-1')]),
          event(service('IAMUser'), [instance('i-0relayed', 'eu-west-1')]),
        ]),
      }),
      SETTINGS,
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', ACCOUNT],
      ['FAIL', 'i-0relayed'],
    ]);
  });

  test('passes every scope when all creations match and none happened, leaving out events before the time', () => {
    const findings = runCheck(
      check,
      account(window([event(user('mallory'), [instance('i-old')], { eventTime: daysAgo(10) })])),
      SETTINGS,
    );
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['PASS', 'global'],
      ['PASS', 'eu-west-1'],
    ]);
    expect(findings[0]?.message).toBe(
      `CloudTrail records no resource created in IAM since ${SINCE}.`,
    );
  });

  test('is ERROR, never PASS, where LookupEvents was denied or unavailable', () => {
    const findings = runCheck(
      check,
      account(
        {
          since: SINCE,
          lookup: failed('cloudtrail:LookupEvents', 'us-east-1', 'AccessDeniedException'),
        },
        {
          'eu-west-1': {
            since: SINCE,
            lookup: failed('cloudtrail:LookupEvents', 'eu-west-1', 'InternalFailure'),
          },
        },
      ),
      SETTINGS,
    );
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'ERROR',
        `CloudTrail LookupEvents denied in us-east-1 (AccessDeniedException: not authorized to perform cloudtrail:LookupEvents), so who created resources in IAM since ${SINCE} is unknown.`,
      ],
      [
        'ERROR',
        `CloudTrail LookupEvents unavailable in eu-west-1 (InternalFailure: not authorized to perform cloudtrail:LookupEvents), so who created resources in eu-west-1 since ${SINCE} is unknown.`,
      ],
    ]);
  });

  test('is ERROR where the events were read from a later time than the one under review, or not at all', () => {
    const findings = runCheck(
      check,
      account(
        { since: null, lookup: fetched({ events: [], truncated: [] }) },
        { 'eu-west-1': { ...window([]), since: daysAgo(1) } },
      ),
      SETTINGS,
    );
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'ERROR',
        expect.stringContaining('were not read: the inventory was collected without createdSince'),
      ],
      ['ERROR', expect.stringContaining(`were read from ${daysAgo(1)} only, not from ${SINCE}`)],
    ]);
  });

  test('is ERROR for an event name whose events were not all read, besides judging those that were', () => {
    const findings = runCheck(
      check,
      account(window([]), {
        'eu-west-1': window(
          [event(user('mallory'), [instance('i-0aaa', 'eu-west-1')])],
          ['RunInstances'],
        ),
      }),
      SETTINGS,
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', ACCOUNT],
      ['FAIL', 'i-0aaa'],
      ['ERROR', ACCOUNT],
    ]);
    expect(findings[2]?.message).toMatch(
      /more RunInstances events .* than the scan reads, which stops at its bound of pages/,
    );
  });

  test('judges nothing without a time under review and expected creators', () => {
    const findings = runCheck(check, account(window([])), { createdSince: SINCE });
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
    expect(findings[0]?.message).toMatch(/createdSince and expectedCreators in the scan settings/);
  });
});
