import type { StepRecord } from '../core/step';
import { revokeRoleSessions } from './steps';
import {
  checkIsolation,
  checkRevocations,
  revocationKey,
  revocationsMade,
  type MadeRevocation,
} from './verify';
import {
  containedWebServer,
  eni,
  FIXTURE,
  isolationOptions,
  runningWebServer,
} from '../../test/fixtures/isolation-plans';

describe('checkIsolation', () => {
  test('a contained instance passes every check', () => {
    const results = checkIsolation(containedWebServer(), isolationOptions());
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.map((result) => result.check)).toEqual([
      'isolated eni-0001',
      'isolated eni-0002',
      'termination protection',
      'shutdown behaviour',
      'volumes kept on termination',
      'out of auto scaling',
      'out of load balancers',
      'quarantine profile',
      'snapshots filed under the case',
    ]);
  });

  test('names what is still open on an instance that was not contained', () => {
    const failed = checkIsolation(
      runningWebServer({
        networkInterfaces: [
          eni('eni-0001', { groupIds: [FIXTURE.isolationGroupId, FIXTURE.webGroupId] }),
        ],
      }),
      isolationOptions({ lockSnapshotDays: 7 }),
    )
      .filter((result) => !result.ok)
      .map((result) => `${result.check}: ${result.detail}`);
    expect(failed).toEqual([
      `isolated eni-0001: holds ${FIXTURE.isolationGroupId}, ${FIXTURE.webGroupId}; expected ${FIXTURE.isolationGroupId}`,
      'termination protection: disableApiTermination is false',
      'shutdown behaviour: instance-initiated shutdown terminates the instance',
      'volumes kept on termination: deleted on termination: vol-0001',
      'out of auto scaling: InService in web-asg',
      `out of load balancers: still registered in ${FIXTURE.targetGroupArn}`,
      `quarantine profile: instance profile is ${FIXTURE.webProfileArn}`,
      'snapshots filed under the case: no snapshot for vol-0001, vol-0002, vol-0003',
    ]);
  });

  test('a terminated instance is checked for its snapshots only', () => {
    const results = checkIsolation(containedWebServer({ state: 'terminated' }), isolationOptions());
    expect(results.map((result) => result.check)).toEqual(['snapshots filed under the case']);
  });
});

describe('checkIsolation without the usual plumbing', () => {
  test('without a quarantine profile in the account the instance must have no profile left', () => {
    const { quarantineProfile: _none, ...contained } = containedWebServer();
    const withProfile = checkIsolation(
      { ...contained, profile: runningWebServer().profile },
      isolationOptions(),
    ).find((result) => result.check === 'no instance profile');
    expect(withProfile?.ok).toBe(false);
    const { profile: _gone, ...bare } = contained;
    expect(
      checkIsolation(bare, isolationOptions()).find(
        (result) => result.check === 'no instance profile',
      )?.ok,
    ).toBe(true);
  });

  test('an instance still in service passes when its group no longer replaces unhealthy instances', () => {
    const inService = {
      groupName: 'web-asg',
      lifecycleState: 'InService',
      minSize: 1,
      desiredCapacity: 1,
    };
    const judge = (suspendedProcesses: string[]) =>
      checkIsolation(
        { ...containedWebServer(), autoScaling: { ...inService, suspendedProcesses } },
        isolationOptions(),
      ).find((result) => result.check === 'out of auto scaling')?.ok;
    expect(judge([])).toBe(false);
    expect(judge(['ReplaceUnhealthy', 'AZRebalance', 'HealthCheck'])).toBe(true);
  });
});

describe('the verification of session revocations', () => {
  const swap = '2026-01-31T12:00:05.000Z';
  const revoked = (status: StepRecord['status'], issuedBefore: string): StepRecord => ({
    ...revokeRoleSessions(
      { instanceId: FIXTURE.instanceId, region: 'us-east-1', caseId: 'IR-42' },
      'web-app',
      issuedBefore,
    ),
    status,
  });

  test("takes from the run's steps the time each revocation wrote, references resolved", () => {
    expect(revocationsMade([revoked('done', swap), revoked('failed', swap)])).toEqual([
      { roleName: 'web-app', policyName: 'AWSRevokeOlderSessions', issuedBefore: swap },
    ]);
  });

  test('passes when the policy on the role denies sessions up to the profile change or later', () => {
    const made = revocationsMade([revoked('done', swap)]);
    const key = revocationKey(made[0] as MadeRevocation);
    expect(checkRevocations(made, { [key]: swap })).toEqual([
      {
        check: 'sessions revoked web-app',
        ok: true,
        detail: `AWSRevokeOlderSessions on web-app denies sessions issued before ${swap}`,
      },
    ]);
    expect(checkRevocations(made, { [key]: '2026-01-31T13:00:00Z' })[0]?.ok).toBe(true);
  });

  test('fails when an AWSRevokeOlderSessions older than the swap is still on the role', () => {
    const made = revocationsMade([revoked('done', swap)]);
    const [result] = checkRevocations(made, {
      [revocationKey(made[0] as MadeRevocation)]: '2026-01-30T08:00:00Z',
    });
    expect(result?.ok).toBe(false);
    expect(result?.detail).toMatch(
      /denies only sessions issued before 2026-01-30T08:00:00Z, earlier than the profile change/,
    );
  });

  test('fails when the policy is missing or names no time', () => {
    const made = revocationsMade([revoked('already-done', swap)]);
    const key = revocationKey(made[0] as MadeRevocation);
    expect(checkRevocations(made, {})[0]).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/is missing/) as unknown,
    });
    expect(checkRevocations(made, { [key]: 'unknown time' })[0]?.ok).toBe(false);
  });
});
