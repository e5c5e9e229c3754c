import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

interface JsonRun {
  readonly plan: { readonly steps: readonly { readonly id: string }[] };
  readonly record: {
    readonly outcome: string;
    readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  };
}

/** The time before which the role's AWSRevokeOlderSessions denies sessions. */
async function revokedBefore(iam: IAMClient): Promise<string> {
  const answer = await iam.send(
    new GetRolePolicyCommand({ RoleName: 'web-app', PolicyName: 'AWSRevokeOlderSessions' }),
  );
  const document = JSON.parse(decodeURIComponent(answer.PolicyDocument ?? '{}')) as {
    Statement: { Condition: { DateLessThan: { 'aws:TokenIssueTime': string } } }[];
  };
  return document.Statement[0]?.Condition.DateLessThan['aws:TokenIssueTime'] ?? '';
}

// moto stops an instance at once (AWS passes through `stopping`), runs no guest, and does not
// refuse StopInstances on an instance-store root: that refusal is planned from RootDeviceType
// and covered by the unit tests. moto keeps role policies, so the revocation is read back here.
describe('pyjamas isolate-instance --stop against moto', () => {
  const moto = useMotoServer({ resetBetweenTests: true });

  test('isolates, moves an older AWSRevokeOlderSessions forward, stops the instance last, verifies both, and a rerun changes nothing', async () => {
    // Prepare: a revocation somebody wrote a month ago is on the instance's role
    const plumbing = await seedPlumbing(moto);
    // Launched directly: moto does not associate a launch template's instance profile.
    const web = await seedWebServer(moto, plumbing, 'web', { autoScaling: false });
    const iam = moto.client(IAMClient);
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'web-app',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['*'],
              Resource: ['*'],
              Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00.000Z' } },
            },
          ],
        }),
      }),
    );
    const argv = [
      'isolate-instance',
      web.instanceId,
      '--case',
      'IR-50',
      '--region',
      'us-east-1',
      '--revoke-role-sessions',
      '--stop',
      '--yes',
      '--output',
      'json',
    ];
    const startedAt = Date.now();

    // Act
    const first = await runPyjamas(argv, moto.server.env);

    // Assess
    expect(first.stderr).not.toMatch(/failed|error/i);
    expect(first.code).toBe(0);
    const run = JSON.parse(first.stdout) as JsonRun;
    expect(run.record.outcome).toBe('succeeded');
    expect(run.plan.steps.at(-1)?.id).toBe('stop-instance');
    expect(run.record.verification.filter((result) => !result.ok)).toEqual([]);
    expect(run.record.verification.map((result) => result.check)).toEqual(
      expect.arrayContaining(['instance stopped', 'sessions revoked web-app']),
    );
    expect(Date.parse(await revokedBefore(iam))).toBeGreaterThanOrEqual(startedAt - 1000);
    const described = await moto
      .client(EC2Client)
      .send(new DescribeInstancesCommand({ InstanceIds: [web.instanceId] }));
    expect(described.Reservations?.[0]?.Instances?.[0]?.State?.Name).toMatch(/^stopp(ing|ed)$/);

    // Act again: the stopped, contained instance
    const second = await runPyjamas(argv, moto.server.env);

    // Assess: nothing planned, the instance is not stopped twice
    expect(second.code).toBe(0);
    const rerun = JSON.parse(second.stdout) as JsonRun;
    expect(rerun.plan.steps).toEqual([]);
    expect(rerun.record.outcome).toBe('succeeded');
  }, 180_000);
});
