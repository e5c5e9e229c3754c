import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy, type ProxiedRequest } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

jest.setTimeout(120_000);

// The proxy stands in for what moto never does: an SCP or permission boundary that denies one
// call. It answers with the 403 UnauthorizedOperation EC2 sends, so the CLI sees a real denial.
describe('pyjamas isolate-instance when AWS denies a call', () => {
  const moto = useMotoServer({ resetBetweenTests: true });
  const faults = useFaultProxy(() => moto.server.endpoint);
  const ec2 = () => moto.client(EC2Client);

  async function groupsByInterface(instanceId: string): Promise<Record<string, string[]>> {
    const answer = await ec2().send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
      }),
    );
    return Object.fromEntries(
      (answer.NetworkInterfaces ?? []).map((eni) => [
        eni.NetworkInterfaceId as string,
        (eni.Groups ?? []).map((group) => group.GroupId as string),
      ]),
    );
  }

  /** Picks the move of one interface into one group. */
  const moving = (eni: string, groupId: string) => (request: ProxiedRequest) =>
    request.action === 'ModifyNetworkInterfaceAttribute' &&
    request.params.NetworkInterfaceId === eni &&
    request.params['SecurityGroupId.1'] === groupId;

  const isolate = (instanceId: string) =>
    runPyjamas(
      ['isolate-instance', instanceId, '--case', 'IR-77', '--region', 'us-east-1', '--yes'],
      faults.proxy.env(moto.server.env),
    );

  test('a denied move to the isolation group puts that interface back in its own groups and leaves none in the untrack group', async () => {
    // Prepare
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web');
    const denied = web.secondNetworkInterfaceId;
    faults.proxy.inject({
      match: moving(denied, plumbing.isolationGroupId),
      fault: { kind: 'access-denied' },
    });

    // Act
    const run = await isolate(web.instanceId);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Outcome: failed/m);
    expect(run.stdout).not.toMatch(/EXPOSED/);
    expect(run.stdout).toMatch(new RegExp(`failed +isolate-eni-${denied}.*UnauthorizedOperation`));
    expect(run.stdout).toMatch(new RegExp(`done +restore-eni-${denied}-groups`));
    const groups = await groupsByInterface(web.instanceId);
    expect(Object.values(groups).flat()).not.toContain(plumbing.untrackGroupId);
    expect(groups[denied]).toEqual([plumbing.workloadGroupId]);
    const other = Object.keys(groups).find((eni) => eni !== denied) as string;
    expect(groups[other]).toEqual([plumbing.isolationGroupId]);
    // Two moves to the untrack group, two to the isolation group (one denied), one back.
    const moves = faults.proxy.requestsOf('ModifyNetworkInterfaceAttribute');
    expect(moves.map((entry) => entry.status).sort()).toEqual([200, 200, 200, 200, 403]);
    expect(moves[moves.length - 1]?.params).toMatchObject({
      NetworkInterfaceId: denied,
      'SecurityGroupId.1': plumbing.workloadGroupId,
    });
  });

  test('when putting the interface back is denied too, the outcome is EXPOSED, first, with the interface id', async () => {
    // Prepare
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web');
    const denied = web.secondNetworkInterfaceId;
    faults.proxy.inject({
      match: moving(denied, plumbing.isolationGroupId),
      fault: { kind: 'access-denied' },
    });
    faults.proxy.inject({
      match: moving(denied, plumbing.workloadGroupId),
      fault: { kind: 'access-denied' },
    });

    // Act
    const run = await isolate(web.instanceId);

    // Assess
    expect(run.code).toBe(1);
    // The outcome opens with EXPOSED, before the outcome line and the steps.
    const outcome = run.stdout.slice(run.stdout.indexOf('\nEXPOSED: ') + 1).split('\n');
    expect(outcome[0]).toMatch(
      new RegExp(`^EXPOSED: ${denied} could be neither closed nor undone`),
    );
    expect(outcome[1]).toMatch(/^Outcome: exposed/);
    expect((await groupsByInterface(web.instanceId))[denied]).toEqual([plumbing.untrackGroupId]);
  });
});
