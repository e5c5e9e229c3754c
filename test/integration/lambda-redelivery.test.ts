import {
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  IAMClient,
  ListAccessKeysCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { ISOLATE_EC2_INSTANCE_ACTIONS } from '../../responders/isolate-ec2-instance/permissions';
import { REVOKE_ACCESS_KEY_ACTIONS } from '../../responders/revoke-access-key/permissions';
import * as isolation from '../../responders/isolate-ec2-instance/handler';
import * as revocation from '../../responders/revoke-access-key/handler';
import { seedCompromisedUser, type SeededUser } from '../bench/revoke-seed';
import { withEnvironment } from '../helpers/environment';
import { useFaultProxy } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';
import { observedActions } from '../helpers/mutating-requests';
import ec2Finding from '../fixtures/events/guardduty-ec2-finding.json';
import iamFinding from '../fixtures/events/guardduty-iam-anomalous-behavior.json';
import {
  seedPlumbing,
  seedWebServer,
  type SeededInstance,
  type SeededPlumbing,
} from './isolate-ec2-instance.seed';

jest.setTimeout(120_000);

/**
 * The GuardDuty handlers called in process, through the fault proxy, as Lambda calls them: one
 * invocation whose time runs out part-way (its context's `getRemainingTimeInMillis` answers
 * plenty for its first looks and 0 after), then a second delivery of the same event, as
 * EventBridge's retry or an operator's replay sends it. The two must end where one clean
 * invocation of an event alike ends. The clock is counted in looks, not milliseconds, so the
 * cut falls at the same stage on a busy machine.
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);
let plumbing: SeededPlumbing;

beforeAll(async () => {
  plumbing = await seedPlumbing(moto);
  // Each invocation logs its result as one JSON line; the assertions read the result itself.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
}, 60_000);

/** A context whose time runs out after `looks` looks at it. */
function runningOut(looks: number) {
  let seen = 0;
  return {
    awsRequestId: 'lambda-redelivery',
    getRemainingTimeInMillis: () => (++seen <= looks ? 600_000 : 0),
  };
}

/** Runs `invoke` with the environment the module gives the function, enforced, via the proxy. */
function deployed<T>(invoke: () => Promise<T>): Promise<T> {
  return withEnvironment(
    {
      ...faults.proxy.env(moto.server.env),
      AWS_REGION: 'us-east-1',
      PYJAMAS_ENFORCE: 'true',
      PYJAMAS_EVIDENCE_BUCKET: plumbing.bucket,
    },
    invoke,
  );
}

/** What `invoke` returned, or the name of what it threw. */
async function settled(invoke: () => Promise<{ outcome: string }>): Promise<string> {
  try {
    return (await invoke()).outcome;
  } catch (error) {
    return (error as Error).name;
  }
}

describe('the isolation handler', () => {
  const event = (web: SeededInstance, findingId: string) => ({
    ...ec2Finding,
    detail: {
      ...ec2Finding.detail,
      id: findingId,
      resource: {
        ...ec2Finding.detail.resource,
        instanceDetails: {
          ...ec2Finding.detail.resource.instanceDetails,
          instanceId: web.instanceId,
        },
      },
    },
  });

  async function state(web: SeededInstance) {
    const ec2 = moto.client(EC2Client);
    const interfaces = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
      }),
    );
    const snapshots = await ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'volume-id', Values: [...web.volumeIds] }],
      }),
    );
    return {
      groups: (interfaces.NetworkInterfaces ?? [])
        .sort((a, b) => (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0))
        .map((eni) => (eni.Groups ?? []).map((group) => group.GroupId)),
      snapshotsPerVolume: web.volumeIds.map(
        (volume) => (snapshots.Snapshots ?? []).filter((s) => s.VolumeId === volume).length,
      ),
    };
  }

  test('an invocation that runs out of time, then a second delivery, end where one clean invocation ends', async () => {
    // Prepare
    const clean = await seedWebServer(moto, plumbing, 'lambda-clean');
    const cut = await seedWebServer(moto, plumbing, 'lambda-cut');

    // Act
    const reference = await deployed(() =>
      isolation.guardDutyHandler(event(clean, 'clean0finding'), runningOut(1_000)),
    );
    const first = await deployed(() =>
      settled(() => isolation.guardDutyHandler(event(cut, 'cut0finding'), runningOut(3))),
    );
    const cutState = await state(cut);
    const second = await deployed(() =>
      isolation.guardDutyHandler(event(cut, 'cut0finding'), runningOut(1_000)),
    );

    // Assess
    expect(reference.outcome).toBe('succeeded');
    // The first invocation stopped part-way: not everything is contained yet.
    expect(first).toBe('ResponseFailedError');
    expect(cutState).not.toEqual(await state(clean));
    expect(second.outcome).toBe('succeeded');
    expect(await state(cut)).toEqual(await state(clean));
    expect((await state(clean)).groups).toEqual([
      [plumbing.isolationGroupId],
      [plumbing.isolationGroupId],
    ]);
    expect(
      observedActions(faults.proxy.log).filter(
        (action) => !(ISOLATE_EC2_INSTANCE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});

describe('the revocation handler', () => {
  const event = (user: SeededUser, findingId: string) => ({
    ...iamFinding,
    region: 'us-east-1',
    detail: {
      ...iamFinding.detail,
      region: 'us-east-1',
      id: findingId,
      resource: {
        ...iamFinding.detail.resource,
        accessKeyDetails: {
          ...iamFinding.detail.resource.accessKeyDetails,
          accessKeyId: user.compromisedKey,
          userName: user.userName,
        },
      },
    },
  });

  async function state(user: SeededUser) {
    const iam = moto.client(IAMClient);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: user.userName }));
    const inline = await iam.send(new ListUserPoliciesCommand({ UserName: user.userName }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: user.userName }));
    return {
      compromised: keys.AccessKeyMetadata?.find((key) => key.AccessKeyId === user.compromisedKey)
        ?.Status,
      other: keys.AccessKeyMetadata?.find((key) => key.AccessKeyId === user.otherKey)?.Status,
      inlinePolicies: [...(inline.PolicyNames ?? [])].sort(),
      tagKeys: (tags.Tags ?? []).map((tag) => tag.Key).sort(),
    };
  }

  test('an invocation that runs out of time, then a second delivery, end where one clean invocation ends', async () => {
    // Prepare
    const clean = await seedCompromisedUser(moto.client(IAMClient), 'lambda-clean');
    const cut = await seedCompromisedUser(moto.client(IAMClient), 'lambda-cut');

    // Act
    const reference = await deployed(() =>
      settled(() => revocation.guardDutyHandler(event(clean, 'clean0finding'), runningOut(1_000))),
    );
    const first = await deployed(() =>
      settled(() => revocation.guardDutyHandler(event(cut, 'cut0finding'), runningOut(1))),
    );
    const cutState = await state(cut);
    const second = await deployed(() =>
      settled(() => revocation.guardDutyHandler(event(cut, 'cut0finding'), runningOut(1_000))),
    );

    // Assess
    // One stage ran (the key's deactivation); the deny policy and the tags did not.
    expect(first).toBe('ResponseFailedError');
    expect(cutState).toMatchObject({ compromised: 'Inactive', tagKeys: [] });
    expect(cutState.inlinePolicies).not.toContain('pyjamas-revoke-older-sessions');
    expect(second).toBe(reference);
    expect(await state(cut)).toEqual(await state(clean));
    expect((await state(clean)).compromised).toBe('Inactive');
    expect(
      observedActions(faults.proxy.log).filter(
        (action) => !(REVOKE_ACCESS_KEY_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});
