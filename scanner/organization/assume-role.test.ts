import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../lib/clock';
import { assumedRoleCredentials } from './assume-role';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';

function clockAt(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

function session(key: string, expiration: string) {
  return {
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(expiration),
    },
  };
}

describe('assumedRoleCredentials', () => {
  beforeEach(() => sts.reset());
  afterAll(() => sts.restore());

  test('assumes the role once as pyjamas-scan with the external id, and shares the session', async () => {
    sts.on(AssumeRoleCommand).resolves(session('ASIAONE', '2026-12-01T01:00:00Z'));
    const provider = assumedRoleCredentials({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn: ROLE,
      externalId: 'pyjamas-audit',
      clock: clockAt('2026-12-01T00:00:00Z'),
    });
    const [first, second] = await Promise.all([provider(), provider()]);
    expect(first.accessKeyId).toBe('ASIAONE');
    expect(second).toBe(first);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      { RoleArn: ROLE, RoleSessionName: 'pyjamas-scan', ExternalId: 'pyjamas-audit' },
    ]);
  });

  test('assumes the role again when the session is within five minutes of expiring', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(session('ASIAONE', '2026-12-01T01:00:00Z'))
      .resolvesOnce(session('ASIATWO', '2026-12-01T02:00:00Z'));
    const clock = clockAt('2026-12-01T00:00:00Z');
    const provider = assumedRoleCredentials({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn: ROLE,
      clock,
    });
    expect((await provider()).accessKeyId).toBe('ASIAONE');
    clock.advance(54 * 60_000);
    expect((await provider()).accessKeyId).toBe('ASIAONE');
    clock.advance(2 * 60_000);
    expect((await provider()).accessKeyId).toBe('ASIATWO');
    expect(sts.commandCalls(AssumeRoleCommand)[1]?.args[0].input).not.toHaveProperty('ExternalId');
  });

  test('rejects with the refusal and tries again on the next call', async () => {
    const denied = Object.assign(new Error('not authorized to perform: sts:AssumeRole'), {
      name: 'AccessDenied',
    });
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(denied)
      .resolvesOnce(session('ASIAONE', '2026-12-01T01:00:00Z'));
    const provider = assumedRoleCredentials({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn: ROLE,
      clock: clockAt('2026-12-01T00:00:00Z'),
    });
    await expect(provider()).rejects.toThrow('not authorized to perform: sts:AssumeRole');
    expect((await provider()).accessKeyId).toBe('ASIAONE');
  });
});
