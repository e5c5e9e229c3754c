import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import type { AuthorizationDetails } from '../model/iam';
import { SliceUnavailable } from './collector';
import { serviceLastAccessed } from './access-advisor';

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
