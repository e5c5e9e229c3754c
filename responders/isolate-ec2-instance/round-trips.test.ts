/*
 * How many round trips, one after another, the isolation of an instance takes from the go-ahead
 * until every interface is in the isolation group. Counted from the calls the run makes (each
 * call's depth: one more than the deepest call that had answered before it was sent), not from
 * timings, so the figure is the one that carries over to AWS.
 */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  EnterStandbyCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateSnapshotsCommand,
  CreateTagsCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceIamInstanceProfileAssociationCommand,
} from '@aws-sdk/client-ec2';
import {
  DeregisterTargetsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import { isolationOptions, runningWebServer } from '../../test/fixtures/isolation-plans';
import type { StoredArtifact } from '../core/evidence';
import { respond } from '../core/respond';
import type { InstanceDescription } from './description';
import { planIsolation } from './plan';
import { isolationRunners } from './runners';

const clock = fixedClock('2026-06-01T00:00:00Z');
const aws = new AwsClients({ env: {} });

interface Call {
  readonly name: string;
  readonly start: number;
  end?: number;
}

/** Every call of a run, with the order in which it was sent and answered. */
class Trace {
  readonly calls: Call[] = [];
  private events = 0;

  /** Answers after a timer tick, so that calls sent together are all in flight at once. */
  async call<T>(name: string, answer: () => T | Promise<T>): Promise<T> {
    const call: Call = { name, start: (this.events += 1) };
    this.calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, 1));
    call.end = this.events += 1;
    return answer();
  }

  /** One more than the deepest call that had answered before `call` was sent. */
  depth(call: Call): number {
    const before = this.calls.filter((other) => (other.end ?? Infinity) < call.start);
    return 1 + Math.max(0, ...before.map((other) => this.depth(other)));
  }

  /** The round trip in which every call named `name` had been sent. */
  last(name: string): number {
    return Math.max(...this.calls.filter((c) => c.name === name).map((c) => this.depth(c)));
  }
}

class TracedStore extends FakeVersionedStore {
  constructor(private readonly trace: Trace) {
    super();
  }

  override put(key: string, body: Uint8Array, contentType?: string): Promise<StoredArtifact> {
    return this.trace.call(`PutObject ${key.split('/').pop() ?? key}`, () =>
      super.put(key, body, contentType),
    );
  }
}

const ec2 = mockClient(EC2Client);
const autoscaling = mockClient(AutoScalingClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);

function answerEverything(trace: Trace, group: { MinSize: number; DesiredCapacity: number }): void {
  const ok = { $metadata: {} };
  const plain = (name: string) => () => trace.call(name, () => ok);
  ec2.on(CreateTagsCommand).callsFake(plain('CreateTags'));
  ec2.on(ModifyInstanceAttributeCommand).callsFake(plain('ModifyInstanceAttribute'));
  ec2
    .on(ModifyNetworkInterfaceAttributeCommand)
    .callsFake(plain('ModifyNetworkInterfaceAttribute'));
  ec2
    .on(ReplaceIamInstanceProfileAssociationCommand)
    .callsFake(plain('ReplaceIamInstanceProfileAssociation'));
  ec2
    .on(CreateSnapshotsCommand)
    .callsFake(() => trace.call('CreateSnapshots', () => ({ ...ok, Snapshots: [] })));
  autoscaling.on(DescribeAutoScalingGroupsCommand).callsFake(() =>
    trace.call('DescribeAutoScalingGroups', () => ({
      AutoScalingGroups: [{ AutoScalingGroupName: 'web-asg', ...group }],
    })),
  );
  autoscaling.on(UpdateAutoScalingGroupCommand).callsFake(plain('UpdateAutoScalingGroup'));
  autoscaling.on(EnterStandbyCommand).callsFake(plain('EnterStandby'));
  elb.on(DeregisterTargetsCommand).callsFake(plain('DeregisterTargets'));
  iam.on(PutRolePolicyCommand).callsFake(plain('PutRolePolicy'));
  // The caller's identity is read beside the description, before the plan: not traced here.
  sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::123456789012:user/responder' });
}

async function isolate(trace: Trace, description: InstanceDescription) {
  return respond(
    {
      name: 'isolate-ec2-instance',
      describe: async () => description,
      plan: (read) => planIsolation(read, isolationOptions()),
      runners: isolationRunners(clock),
      verify: async () => [],
      artifacts: () => [],
    },
    {
      aws,
      clock,
      dryRun: false,
      trigger: { source: 'cli' },
      region: 'us-east-1',
      evidence: new TracedStore(trace),
    },
  );
}

beforeEach(() => {
  for (const mock of [ec2, autoscaling, elb, iam, sts]) mock.reset();
});

describe('round trips from the go-ahead until every interface is isolated', () => {
  test('with an Auto Scaling group at its minimum and a target group: four (pre-state, lower the minimum, leave, isolate)', async () => {
    const trace = new Trace();
    answerEverything(trace, { MinSize: 1, DesiredCapacity: 1 });
    const response = await isolate(trace, runningWebServer());
    expect(response.record.outcome).toBe('succeeded');

    expect(trace.last('ModifyNetworkInterfaceAttribute')).toBe(4);
    const wave = (name: string) => trace.last(name);
    expect(wave('PutObject run-start.json')).toBe(1);
    // The group is read when the step runs, beside the filing rather than after it.
    expect(wave('DescribeAutoScalingGroups')).toBe(1);
    expect(wave('UpdateAutoScalingGroup')).toBe(2);
    expect(wave('EnterStandby')).toBe(3);
    // Protection, leaving the load balancer and the untrack moves go out together.
    expect(wave('ModifyInstanceAttribute')).toBe(2);
    expect(wave('DeregisterTargets')).toBe(2);
    expect(wave('CreateTags')).toBe(2);
  });

  test('with a group above its minimum: three', async () => {
    const trace = new Trace();
    answerEverything(trace, { MinSize: 1, DesiredCapacity: 3 });
    await isolate(
      trace,
      runningWebServer({
        autoScaling: {
          groupName: 'web-asg',
          lifecycleState: 'InService',
          minSize: 1,
          desiredCapacity: 3,
        },
      }),
    );
    expect(trace.last('ModifyNetworkInterfaceAttribute')).toBe(3);
    expect(trace.calls.some((call) => call.name === 'UpdateAutoScalingGroup')).toBe(false);
  });

  test('nothing that changes the account is sent before the pre-state is filed', async () => {
    const trace = new Trace();
    answerEverything(trace, { MinSize: 1, DesiredCapacity: 1 });
    await isolate(trace, runningWebServer());
    const filed = trace.calls.find((call) => call.name === 'PutObject run-start.json');
    const changes = trace.calls.filter(
      (call) => !call.name.startsWith('Describe') && !call.name.startsWith('PutObject'),
    );
    expect(changes.length).toBeGreaterThan(5);
    for (const change of changes) expect(change.start).toBeGreaterThan(filed?.end ?? Infinity);
  });

  test('the identity follows containment, and the snapshots follow the identity', async () => {
    const trace = new Trace();
    answerEverything(trace, { MinSize: 1, DesiredCapacity: 1 });
    await isolate(trace, runningWebServer());
    expect(trace.last('ReplaceIamInstanceProfileAssociation')).toBe(5);
    expect(trace.last('PutRolePolicy')).toBe(6);
    expect(trace.last('CreateSnapshots')).toBe(7);
  });
});
