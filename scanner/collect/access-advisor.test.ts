import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import type { AuthorizationDetails } from '../model/iam';
import { AwsClients } from '../../lib/aws/clients';
import { SliceUnavailable } from './collector';
import { principalLastAccessed, serviceLastAccessed } from './access-advisor';

const iam = mockClient(IAMClient);

beforeEach(() => iam.reset());

/** Authorization details with `count` users, each known by its ARN only. */
function principals(count: number): AuthorizationDetails {
  const users = Array.from({ length: count }, (_, index) => ({
    arn: `arn:aws:iam::123456789012:user/user-${index}`,
  }));
  return { users, groups: [], roles: [], policies: [] } as unknown as AuthorizationDetails;
}

// moto 5.2.1 has no access advisor (its answer is an HTML error page), so this collector is
// tested on mocks only.
describe('the access-advisor collector', () => {
  test('reads one job per principal', async () => {
    // Prepare
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job' });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({
      JobStatus: 'COMPLETED',
      ServicesLastAccessed: [{ ServiceNamespace: 's3', ServiceName: 'Amazon S3' }],
    });

    // Act
    const report = await serviceLastAccessed.collect(
      collectContext({ authorizationDetails: principals(3) }),
    );

    // Assess
    expect(Object.keys(report)).toHaveLength(3);
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(3);
  });

  test('stops at the first job when it is denied, since every other principal would be denied alike', async () => {
    // Prepare
    iam
      .on(GenerateServiceLastAccessedDetailsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));

    // Act
    const collected = serviceLastAccessed.collect(
      collectContext({ authorizationDetails: principals(50) }),
    );

    // Assess
    await expect(collected).rejects.toBeInstanceOf(SliceUnavailable);
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(1);
  });

  test("keeps one principal's own failure inside the slice and reads the others", async () => {
    // Prepare
    iam
      .on(GenerateServiceLastAccessedDetailsCommand)
      .resolves({ JobId: 'job' })
      .on(GenerateServiceLastAccessedDetailsCommand, {
        Arn: 'arn:aws:iam::123456789012:user/user-0',
      })
      .rejects(Object.assign(new Error('gone'), { name: 'NoSuchEntity' }));
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({ JobStatus: 'COMPLETED' });

    // Act
    const report = await serviceLastAccessed.collect(
      collectContext({ authorizationDetails: principals(3) }),
    );

    // Assess
    expect(report['arn:aws:iam::123456789012:user/user-0']).toMatchObject({ ok: false });
    expect(report['arn:aws:iam::123456789012:user/user-2']).toEqual({ ok: true, data: [] });
  });
});

describe("one principal's access-advisor report", () => {
  const aws = new AwsClients({ maxAttempts: 1, env: {} });
  const ARN = 'arn:aws:iam::123456789012:user/alice';
  afterAll(() => aws.destroy());

  test('waits for the job, reads every page, and keeps who used each service from where', async () => {
    // Prepare
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job' });
    iam
      .on(GetServiceLastAccessedDetailsCommand)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS' })
      .resolvesOnce({
        JobStatus: 'COMPLETED',
        IsTruncated: true,
        Marker: 'page-2',
        ServicesLastAccessed: [
          {
            ServiceNamespace: 's3',
            ServiceName: 'Amazon S3',
            LastAuthenticated: new Date('2026-12-01T10:00:00Z'),
            LastAuthenticatedEntity: ARN,
            LastAuthenticatedRegion: 'eu-west-1',
          },
        ],
      })
      .resolvesOnce({
        JobStatus: 'COMPLETED',
        ServicesLastAccessed: [{ ServiceNamespace: 'ec2', ServiceName: 'Amazon EC2' }],
      });
    const waits: number[] = [];

    // Act
    const report = await principalLastAccessed(aws, 'us-east-1', ARN, {
      sleep: (ms) => Promise.resolve(waits.push(ms)),
    });

    // Assess
    expect(report).toEqual({
      ok: true,
      data: [
        {
          namespace: 's3',
          name: 'Amazon S3',
          lastAuthenticated: '2026-12-01T10:00:00.000Z',
          lastAuthenticatedEntity: ARN,
          lastAuthenticatedRegion: 'eu-west-1',
        },
        { namespace: 'ec2', name: 'Amazon EC2', lastAuthenticated: null },
      ],
    });
    expect(waits).toEqual([250]);
    expect(iam.commandCalls(GetServiceLastAccessedDetailsCommand)[2]?.args[0].input).toEqual({
      JobId: 'job',
      Marker: 'page-2',
    });
  });

  test('gives up on a job that is still running when its next wait would end past the time bound', async () => {
    // Prepare
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job' });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({ JobStatus: 'IN_PROGRESS' });
    let clock = 0;

    // Act
    const report = await principalLastAccessed(aws, 'us-east-1', ARN, {
      timeoutMs: 2_000,
      now: () => clock,
      sleep: (ms) => Promise.resolve((clock += ms)),
    });

    // Assess: waits of 0.25, 0.5 and 1 s fit in 2 s; the next (2 s) would not.
    expect(report).toEqual({
      ok: false,
      error: {
        api: 'iam:GetServiceLastAccessedDetails',
        region: 'us-east-1',
        name: 'AccessAdvisorTimeout',
        message: `the access advisor job for ${ARN} did not complete within 2 s`,
      },
    });
    expect(clock).toBe(1_750);
  });

  test('reports a job AWS failed with its reason', async () => {
    // Prepare
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job' });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({
      JobStatus: 'FAILED',
      Error: { Code: 'InternalFailure', Message: 'try again later' },
    });

    // Act
    const report = await principalLastAccessed(aws, 'us-east-1', ARN);

    // Assess
    expect(report).toMatchObject({
      ok: false,
      error: {
        name: 'AccessAdvisorJobFailed',
        message: expect.stringContaining('try again later'),
      },
    });
  });
});
