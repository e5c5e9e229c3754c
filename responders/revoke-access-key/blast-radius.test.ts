import {
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountAuthorizationDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { ACCOUNT, NOW, description } from '../../test/fixtures/revocation-plans';
import { mockedActions } from '../../test/helpers/sdk-mock';
import { ACCESS_ADVISOR_RESERVE_MS } from './access-advisor';
import { blastRadiusArtifact } from './blast-radius';
import { REVOKE_ACCESS_KEY_ACTIONS } from './permissions';

// moto 5.2.1 has no access advisor (it answers an HTML page), so its part is tested on mocks
// here; the moto integration test sees it unavailable.
const iam = mockClient(IAMClient);
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ADMIN_DOCUMENT = encodeURIComponent(
  JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
);
const DAY_MS = 86_400_000;
const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDenied' });

function parse(artifact: { body: string | Uint8Array }): Record<string, unknown> {
  return JSON.parse(String(artifact.body)) as Record<string, unknown>;
}

/** A poll that never waits, on a clock that the waits move. */
function instantPoll() {
  let clock = 0;
  return { now: () => clock, sleep: (ms: number) => Promise.resolve((clock += ms)) };
}

describe('blastRadiusArtifact', () => {
  const aws = new AwsClients({ maxAttempts: 1, env: {} });
  beforeEach(() => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [
        {
          UserName: 'alice',
          Arn: ALICE,
          UserId: 'AIDAALICE',
          UserPolicyList: [{ PolicyName: 'all', PolicyDocument: ADMIN_DOCUMENT }],
        },
      ],
    });
  });
  afterEach(() => {
    // Every call the blast radius makes is one the responder's role is granted.
    const unlisted = mockedActions({ IAMClient: iam }).filter(
      (action) => !(REVOKE_ACCESS_KEY_ACTIONS as readonly string[]).includes(action),
    );
    iam.reset();
    expect(unlisted).toEqual([]);
  });
  afterAll(() => aws.destroy());

  test("files the key owner's administrator status from the account's authorization details", async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand).rejects(denied());
    const { artifact } = await blastRadiusArtifact(aws, description(), { now: NOW });
    expect(artifact.name).toBe('blast-radius.json');
    expect(parse(artifact)).toMatchObject({
      status: 'collected',
      known: true,
      administrator: 'full',
    });
  });

  test('files what access advisor says the owner used of its granted services, and what it never or no longer used', async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand, { Arn: ALICE }).resolves({ JobId: 'job' });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({
      JobStatus: 'COMPLETED',
      ServicesLastAccessed: [
        {
          ServiceNamespace: 's3',
          ServiceName: 'Amazon S3',
          LastAuthenticated: new Date(NOW.getTime() - DAY_MS),
          LastAuthenticatedEntity: ALICE,
          LastAuthenticatedRegion: 'eu-west-1',
        },
        {
          ServiceNamespace: 'ec2',
          ServiceName: 'Amazon EC2',
          LastAuthenticated: new Date(NOW.getTime() - 120 * DAY_MS),
          LastAuthenticatedEntity: ALICE,
          LastAuthenticatedRegion: 'us-east-1',
        },
        { ServiceNamespace: 'kms', ServiceName: 'AWS Key Management Service' },
      ],
    });

    const filing = await blastRadiusArtifact(aws, description(), { now: NOW });

    const section = {
      status: 'collected',
      services: [
        {
          namespace: 's3',
          name: 'Amazon S3',
          lastAuthenticated: new Date(NOW.getTime() - DAY_MS).toISOString(),
          lastAuthenticatedEntity: ALICE,
          lastAuthenticatedRegion: 'eu-west-1',
        },
        {
          namespace: 'ec2',
          name: 'Amazon EC2',
          lastAuthenticated: new Date(NOW.getTime() - 120 * DAY_MS).toISOString(),
          lastAuthenticatedEntity: ALICE,
          lastAuthenticatedRegion: 'us-east-1',
        },
        { namespace: 'kms', name: 'AWS Key Management Service', lastAuthenticated: null },
      ],
      neverUsed: ['kms'],
      notUsedFor90Days: ['ec2'],
    };
    expect(parse(filing.artifact)).toMatchObject({ status: 'collected', accessAdvisor: section });
    expect(filing.accessAdvisor).toEqual(section);
  });

  test('records a denied access advisor as unavailable, in words, and keeps the rest of the blast radius', async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand).rejects(denied());
    const filing = await blastRadiusArtifact(aws, description(), { now: NOW });
    expect(parse(filing.artifact)).toMatchObject({
      status: 'collected',
      administrator: 'full',
      accessAdvisor: {
        status: 'unavailable',
        reason: 'iam:GenerateServiceLastAccessedDetails failed (AccessDenied: not authorized)',
      },
    });
  });

  test("records a job still running at the end of the run's time as unavailable, leaving the run time to file its record", async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job' });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({ JobStatus: 'IN_PROGRESS' });
    const poll = instantPoll();
    const filing = await blastRadiusArtifact(aws, description(), {
      now: NOW,
      remainingMs: () => ACCESS_ADVISOR_RESERVE_MS + 5_000,
      poll,
    });
    expect(filing.accessAdvisor).toEqual({
      status: 'unavailable',
      reason: `iam:GetServiceLastAccessedDetails failed (AccessAdvisorTimeout: the access advisor job for ${ALICE} did not complete within 5 s)`,
    });
    expect(poll.now()).toBeLessThanOrEqual(5_000);
  });

  test('does not start access advisor when the run has no time to spare for it', async () => {
    const filing = await blastRadiusArtifact(aws, description(), {
      now: NOW,
      remainingMs: () => ACCESS_ADVISOR_RESERVE_MS,
    });
    expect(filing.accessAdvisor).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^not read: \d+ s were left to the run/) as unknown,
    });
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
  });

  test('records a denied read as unavailable instead of failing the run', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(denied());
    const { artifact } = await blastRadiusArtifact(aws, description(), { now: NOW });
    expect(parse(artifact)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('AccessDenied') as unknown,
    });
  });

  test('does not read another account', async () => {
    const { artifact } = await blastRadiusArtifact(
      aws,
      description({ keyAccount: '210987654321' }),
      { now: NOW },
    );
    expect(parse(artifact)).toMatchObject({ status: 'unavailable' });
    expect(iam.calls()).toHaveLength(0);
  });
});
