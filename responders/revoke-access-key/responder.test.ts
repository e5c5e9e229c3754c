import {
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { ACCOUNT, NOW, description as keyDescription } from '../../test/fixtures/revocation-plans';
import type { RunRecord } from '../core/record';
import type { StepRecord } from '../core/step';
import { ACCESS_ADVISOR_RESERVE_MS } from './access-advisor';
import type { KeyDescription } from './description';
import { responseSucceeded, revocationArtifacts, revokeAccessKeyResponder } from './responder';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const description = { accessKeyId: KEY, owner: { kind: 'root' } } as unknown as KeyDescription;

function lookup(
  region: string,
  status: StepRecord['status'],
  error?: StepRecord['error'],
): StepRecord {
  return {
    id: `collect-cloudtrail-events-${region}`,
    action: 'cloudtrail:LookupEvents',
    region,
    reason: 'evidence',
    input: {
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }],
      StartTime: '2026-03-03T12:00:00.000Z',
      MaxResults: 50,
    },
    status,
    ...(error ? { error } : {}),
  };
}

describe('revocationArtifacts', () => {
  const assumed = {
    eventName: 'AssumeRole',
    eventTime: '2026-05-20T00:00:00Z',
    awsRegion: 'us-east-1',
    userIdentity: { accessKeyId: KEY },
    requestParameters: { roleArn: 'arn:aws:iam::1:role/r' },
  };
  const collected = new Map([
    ['us-east-1', { region: 'us-east-1', events: [assumed], pages: 1, truncated: false }],
  ]);
  const execution = {
    outcome: 'degraded' as const,
    steps: [
      lookup('us-east-1', 'done'),
      lookup('eu-west-1', 'failed', {
        name: 'UnrecognizedResponse',
        message: 'no LookupEvents here',
      }),
      lookup('ap-south-1', 'not-run'),
    ],
  };
  const artifacts = revocationArtifacts(description, execution, collected);
  const body = (name: string) =>
    JSON.parse(String(artifacts.find((artifact) => artifact.name === name)?.body)) as Record<
      string,
      unknown
    >;

  test('files the pre-state, the CloudTrail summary and each region collected', () => {
    expect(artifacts.map((artifact) => artifact.name)).toEqual([
      'pre-state.json',
      'cloudtrail-events.json',
      'cloudtrail-events-us-east-1.json',
    ]);
    expect(body('pre-state.json')).toEqual(description);
  });

  test('records each region of the extract as collected, unavailable with the reason, or not run', () => {
    expect(body('cloudtrail-events.json')).toEqual({
      accessKeyId: KEY,
      startTime: '2026-03-03T12:00:00.000Z',
      regions: [
        {
          region: 'us-east-1',
          status: 'collected',
          events: 1,
          pages: 1,
          truncated: false,
          file: 'cloudtrail-events-us-east-1.json',
        },
        {
          region: 'eu-west-1',
          status: 'unavailable',
          reason: 'UnrecognizedResponse: no LookupEvents here',
        },
        { region: 'ap-south-1', status: 'not-run' },
      ],
      collected: 1,
      unavailable: 1,
      sessionsMinted: [
        {
          eventName: 'AssumeRole',
          eventTime: '2026-05-20T00:00:00Z',
          region: 'us-east-1',
          roleArn: 'arn:aws:iam::1:role/r',
        },
      ],
    });
    expect(body('cloudtrail-events-us-east-1.json')).toEqual({
      accessKeyId: KEY,
      region: 'us-east-1',
      truncated: false,
      events: [assumed],
    });
  });
});

describe("the responder's blast radius", () => {
  const iam = mockClient(IAMClient);
  const aws = new AwsClients({ maxAttempts: 1, env: {} });
  afterEach(() => iam.reset());
  afterAll(() => aws.destroy());

  test("bounds access advisor by the run's remaining time and keeps its section for the operator", async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [
        { UserName: 'alice', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, UserId: 'AIDAALICE' },
      ],
    });
    const responder = revokeAccessKeyResponder(
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        caseId: 'IR-1',
        homeRegion: 'us-east-1',
        lookbackDays: 90,
        revokeRoles: [],
        revokeAssumedRoles: false,
        deactivateOtherKeys: false,
        deleteLoginProfile: false,
        revokeAgain: false,
      },
      { aws, clock: fixedClock(NOW), remainingMs: () => ACCESS_ADVISOR_RESERVE_MS - 1 },
    );
    expect(responder.accessAdvisor()).toBeUndefined();

    const artifacts = await responder.artifacts(keyDescription(), {
      outcome: 'succeeded',
      steps: [],
    });

    expect(artifacts.map((artifact) => artifact.name)).toContain('blast-radius.json');
    expect(responder.accessAdvisor()).toMatchObject({ status: 'unavailable' });
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
  });
});

describe('responseSucceeded', () => {
  const record = (overrides: Partial<RunRecord>) =>
    ({ dryRun: false, outcome: 'succeeded', verification: [], ...overrides }) as RunRecord;
  const contained = { contained: true, summary: '' };
  test.each([
    ['a run that contained the key', true, record({}), contained],
    [
      'a degraded run: containment done, evidence missing',
      true,
      record({ outcome: 'degraded' }),
      contained,
    ],
    ['a failed run', false, record({ outcome: 'failed' }), contained],
    [
      'a run whose post-conditions do not hold',
      false,
      record({ verification: [{ check: 'key-inactive', ok: false, detail: '' }] }),
      contained,
    ],
    [
      'a run that could not contain the key from here',
      false,
      record({}),
      { contained: false, summary: '' },
    ],
    [
      'a dry run of a key that cannot be contained',
      true,
      record({ dryRun: true, outcome: 'dry-run' }),
      { contained: false, summary: '' },
    ],
  ])('%s succeeds: %s', (_, ok, run, containment) => {
    expect(responseSucceeded(run, containment)).toBe(ok);
  });
});
