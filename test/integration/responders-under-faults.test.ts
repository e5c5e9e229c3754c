import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { ISOLATE_EC2_INSTANCE_ACTIONS } from '../../responders/isolate-ec2-instance/permissions';
import { REVOKE_ACCESS_KEY_ACTIONS } from '../../responders/revoke-access-key/permissions';
import { seedCompromisedUser, type SeededUser } from '../bench/revoke-seed';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy, type RandomFaults } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';
import { observedActions } from '../helpers/mutating-requests';
import {
  seedPlumbing,
  seedWebServer,
  type SeededInstance,
  type SeededPlumbing,
} from './isolate-ec2-instance.seed';

jest.setTimeout(180_000);

/**
 * The responders through the CLI, once on a quiet moto and once behind the proxy's seeded random
 * faults (the load: 30 % throttling, 5 % HTTP 500/503, 3 % dropped connections, on every
 * request, mutating ones included), each on a target seeded alike. The state each leaves, read
 * back from moto and with the run's own ids replaced by their role, must be the same: retried
 * calls neither lose a step nor make one twice. moto never throttles; the faults are the proxy's.
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);
const LOAD: RandomFaults = { seed: 15, throttle: 0.3, serverError: 0.05, drop: 0.03 };
const ec2 = () => moto.client(EC2Client);
const iam = () => moto.client(IAMClient);

/** Replaces every occurrence of the keys of `roles` in `value`'s JSON by their role. */
function byRole<T>(value: T, roles: Readonly<Record<string, string>>): T {
  let text = JSON.stringify(value);
  for (const [id, role] of Object.entries(roles)) text = text.split(id).join(role);
  return JSON.parse(text) as T;
}

let plumbing: SeededPlumbing;

// The plumbing's evidence bucket serves both responders: a second tagged bucket would be ambiguous.
beforeAll(async () => {
  plumbing = await seedPlumbing(moto);
}, 60_000);

describe('pyjamas isolate-instance under throttling, server errors and dropped connections', () => {
  /** What isolation changes, read from moto. */
  async function isolationState(web: SeededInstance, caseId: string) {
    const interfaces = await ec2().send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
      }),
    );
    const profiles = await ec2().send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [web.instanceId] }],
      }),
    );
    const snapshots = await ec2().send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'volume-id', Values: [...web.volumeIds] }],
      }),
    );
    const autoscaling = moto.client(AutoScalingClient);
    const membership = await autoscaling.send(
      new DescribeAutoScalingInstancesCommand({ InstanceIds: [web.instanceId] }),
    );
    const group = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({
        AutoScalingGroupNames: [web.autoScalingGroupName as string],
      }),
    );
    const asg = group.AutoScalingGroups?.[0];
    return byRole(
      {
        groupsByDeviceIndex: (interfaces.NetworkInterfaces ?? [])
          .map((eni) => ({
            device: eni.Attachment?.DeviceIndex,
            groups: (eni.Groups ?? []).map((entry) => entry.GroupId).sort(),
          }))
          .sort((a, b) => (a.device ?? 0) - (b.device ?? 0)),
        instanceProfiles: (profiles.IamInstanceProfileAssociations ?? [])
          .filter((association) => association.State === 'associated')
          .map((association) => association.IamInstanceProfile?.Arn),
        snapshotsPerVolume: web.volumeIds.map(
          (volume) =>
            (snapshots.Snapshots ?? []).filter((snapshot) => snapshot.VolumeId === volume).length,
        ),
        autoScaling: (membership.AutoScalingInstances ?? []).map((entry) => ({
          group: entry.AutoScalingGroupName,
          state: entry.LifecycleState,
        })),
        autoScalingGroup: {
          min: asg?.MinSize,
          desired: asg?.DesiredCapacity,
          suspended: (asg?.SuspendedProcesses ?? []).map((entry) => entry.ProcessName).sort(),
        },
      },
      {
        [web.autoScalingGroupName as string]: '<group>',
        [caseId]: '<case>',
        [plumbing.isolationGroupId]: '<isolation>',
        [plumbing.untrackGroupId]: '<untrack>',
        [plumbing.workloadGroupId]: '<workload>',
      },
    );
  }

  const isolate = (web: SeededInstance, caseId: string) =>
    runPyjamas(
      ['isolate-instance', web.instanceId, '--case', caseId, '--region', 'us-east-1', '--yes'],
      faults.proxy.env(moto.server.env),
    );

  test('reaches the state a clean run reaches, within its permissions', async () => {
    // Prepare
    const quiet = await seedWebServer(moto, plumbing, 'quiet');
    const loaded = await seedWebServer(moto, plumbing, 'loaded');

    // Act
    const clean = await isolate(quiet, 'IR-QUIET');
    faults.proxy.setRandomFaults(LOAD);
    const faulted = await isolate(loaded, 'IR-LOADED');
    faults.proxy.setRandomFaults(undefined);

    // Assess
    expect([clean.code, clean.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      0,
      'Outcome: succeeded',
    ]);
    expect([faulted.code, faulted.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      0,
      'Outcome: succeeded',
    ]);
    const reference = await isolationState(quiet, 'IR-QUIET');
    expect(reference.groupsByDeviceIndex).toEqual([
      { device: 0, groups: ['<isolation>'] },
      { device: 1, groups: ['<isolation>'] },
    ]);
    expect(await isolationState(loaded, 'IR-LOADED')).toEqual(reference);
    // The faults did happen, and were retried.
    const counts = faults.proxy.faultCounts();
    expect(counts.throttle).toBeGreaterThan(0);
    expect(Object.keys(faults.proxy.retriesByApi()).length).toBeGreaterThan(0);
    expect(
      observedActions(faults.proxy.log).filter(
        (action) => !(ISOLATE_EC2_INSTANCE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});

describe('pyjamas revoke-access-key under throttling, server errors and dropped connections', () => {
  /** What revocation changes, read from moto. */
  async function revocationState(user: SeededUser, caseId: string) {
    const keys = await iam().send(new ListAccessKeysCommand({ UserName: user.userName }));
    const inline = await iam().send(new ListUserPoliciesCommand({ UserName: user.userName }));
    const attached = await iam().send(
      new ListAttachedUserPoliciesCommand({ UserName: user.userName }),
    );
    const tags = await iam().send(new ListUserTagsCommand({ UserName: user.userName }));
    const deny = await iam().send(
      new GetUserPolicyCommand({
        UserName: user.userName,
        PolicyName: 'pyjamas-revoke-older-sessions',
      }),
    );
    // The deny's cut-off is the run's own time: only its shape can match.
    const document = decodeURIComponent(deny.PolicyDocument ?? '').replace(
      /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g,
      '<time>',
    );
    return byRole(
      {
        keys: Object.fromEntries(
          (keys.AccessKeyMetadata ?? []).map((key) => [key.AccessKeyId as string, key.Status]),
        ),
        inlinePolicies: [...(inline.PolicyNames ?? [])].sort(),
        attachedPolicies: attached.AttachedPolicies ?? [],
        tags: tags.Tags,
        deny: JSON.parse(document) as unknown,
      },
      {
        [user.compromisedKey]: '<compromised>',
        [user.otherKey]: '<other>',
        [user.userName]: '<user>',
        [caseId]: '<case>',
      },
    );
  }

  const revoke = (user: SeededUser, caseId: string) =>
    runPyjamas(
      [
        'revoke-access-key',
        user.compromisedKey,
        '--case',
        caseId,
        '--regions',
        'us-east-1',
        '--yes',
      ],
      faults.proxy.env(moto.server.env),
    );

  test('reaches the state a clean run reaches, within its permissions', async () => {
    // Prepare
    const quiet = await seedCompromisedUser(iam(), 'quiet');
    const loaded = await seedCompromisedUser(iam(), 'loaded');

    // Act
    const clean = await revoke(quiet, 'IR-QUIET');
    faults.proxy.setRandomFaults(LOAD);
    const faulted = await revoke(loaded, 'IR-LOADED');
    faults.proxy.setRandomFaults(undefined);

    // Assess
    // moto lacks CloudTrail LookupEvents: both runs are degraded, their containment complete.
    expect([clean.code, clean.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      0,
      'Outcome: degraded',
    ]);
    expect([faulted.code, faulted.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      0,
      'Outcome: degraded',
    ]);
    const reference = await revocationState(quiet, 'IR-QUIET');
    expect(reference.keys).toEqual({ '<compromised>': 'Inactive', '<other>': 'Active' });
    expect(await revocationState(loaded, 'IR-LOADED')).toEqual(reference);
    expect(faults.proxy.faultCounts().throttle).toBeGreaterThan(0);
    expect(
      observedActions(faults.proxy.log).filter(
        (action) => !(REVOKE_ACCESS_KEY_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});
