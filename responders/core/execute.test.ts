import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { RateLimiter } from '../../lib/rate-limiter';
import { executePlan } from './execute';
import type { Plan, Step, StepRunner } from './step';

const clock = fixedClock('2026-06-01T00:00:00Z');
const aws = new AwsClients({ env: {} });

function plan(...steps: Step[]): Plan {
  return {
    responder: 'test',
    caseId: 'IR-1',
    target: { type: 'AwsEc2Instance', id: 'i-1', arn: 'arn', region: 'us-east-1', account: '1' },
    steps,
    notes: [],
  };
}

function step(id: string, overrides: Partial<Step> = {}): Step {
  return {
    id,
    reason: `do ${id}`,
    action: 'ec2:CreateTags',
    region: 'us-east-1',
    input: { Resources: [id] },
    ...overrides,
  };
}

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { requestId: 'req-err' },
  });
}

describe('executePlan', () => {
  test('a dry run sends nothing and lists every step as planned', async () => {
    const runner = jest.fn<ReturnType<StepRunner>, Parameters<StepRunner>>();
    const result = await executePlan(plan(step('a'), step('b')), {
      aws,
      clock,
      dryRun: true,
      runners: { 'ec2:CreateTags': runner },
    });
    expect(runner).not.toHaveBeenCalled();
    expect(result.outcome).toBe('dry-run');
    expect(result.steps.map((s) => s.status)).toEqual(['planned', 'planned']);
  });

  test('runs the steps in order and records request ids and outputs', async () => {
    const seen: string[] = [];
    const runner: StepRunner = async (_aws, _region, input) => {
      seen.push((input.Resources as string[])[0] as string);
      return { requestId: `req-${seen.length}`, output: { n: seen.length } };
    };
    const result = await executePlan(plan(step('a'), step('b')), {
      aws,
      clock,
      dryRun: false,
      runners: { 'ec2:CreateTags': runner },
    });
    expect(seen).toEqual(['a', 'b']);
    expect(result.outcome).toBe('succeeded');
    expect(result.steps[1]).toMatchObject({
      status: 'done',
      requestId: 'req-2',
      output: { n: 2 },
      startedAt: '2026-06-01T00:00:00.000Z',
    });
  });

  test('stops at the first real failure and leaves the rest not run, without undoing', async () => {
    const runner = jest
      .fn<ReturnType<StepRunner>, Parameters<StepRunner>>()
      .mockResolvedValueOnce({})
      .mockRejectedValueOnce(awsError('UnauthorizedOperation'));
    const result = await executePlan(plan(step('a'), step('b'), step('c')), {
      aws,
      clock,
      dryRun: false,
      runners: { 'ec2:CreateTags': runner },
    });
    expect(runner).toHaveBeenCalledTimes(2);
    expect(result.outcome).toBe('failed');
    expect(result.steps.map((s) => s.status)).toEqual(['done', 'failed', 'not-run']);
    expect(result.steps[1]?.error).toEqual({
      name: 'UnauthorizedOperation',
      message: 'UnauthorizedOperation happened',
    });
  });

  test('records an error listed in alreadyDoneOn as already done and goes on', async () => {
    const runner = jest
      .fn<ReturnType<StepRunner>, Parameters<StepRunner>>()
      .mockRejectedValueOnce(awsError('InvalidGroup.Duplicate'))
      .mockResolvedValueOnce({});
    const result = await executePlan(
      plan(step('a', { alreadyDoneOn: ['InvalidGroup.Duplicate'] }), step('b')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runner },
      },
    );
    expect(result.outcome).toBe('succeeded');
    expect(result.steps.map((s) => s.status)).toEqual(['already-done', 'done']);
    expect(result.steps[0]?.error).toBeUndefined();
  });

  test('an evidence step that fails degrades the run but never stops containment', async () => {
    const runner = jest
      .fn<ReturnType<StepRunner>, Parameters<StepRunner>>()
      .mockRejectedValueOnce(awsError('AccessDenied'))
      .mockResolvedValueOnce({});
    const result = await executePlan(
      plan(step('evidence', { onFailure: 'continue' }), step('contain')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runner },
      },
    );
    expect(result.outcome).toBe('degraded');
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'done']);
  });

  test('resolves references to earlier outputs before sending', async () => {
    const sent: unknown[] = [];
    const runners = {
      'ec2:CreateSecurityGroup': async () => ({ output: { GroupId: 'sg-new' } }),
      'ec2:ModifyNetworkInterfaceAttribute': async (_a: AwsClients, _r: string, input: object) => {
        sent.push(input);
        return {};
      },
    };
    const result = await executePlan(
      plan(
        step('create-group', { action: 'ec2:CreateSecurityGroup', input: { GroupName: 'g' } }),
        step('swap', {
          action: 'ec2:ModifyNetworkInterfaceAttribute',
          input: {
            NetworkInterfaceId: 'eni-1',
            Groups: [{ $fromStep: 'create-group', path: 'GroupId' }],
          },
        }),
      ),
      { aws, clock, dryRun: false, runners },
    );
    expect(sent).toEqual([{ NetworkInterfaceId: 'eni-1', Groups: ['sg-new'] }]);
    expect(result.steps[1]?.input).toEqual({ NetworkInterfaceId: 'eni-1', Groups: ['sg-new'] });
  });

  test('fails a step whose reference points at an output that does not exist', async () => {
    const result = await executePlan(
      plan(step('swap', { input: { Groups: [{ $fromStep: 'missing', path: 'GroupId' }] } })),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': async () => ({}) },
      },
    );
    expect(result.steps[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/GroupId of step missing/) },
    });
  });

  test('fails a step whose action has no runner', async () => {
    const result = await executePlan(plan(step('a', { action: 'ec2:DeleteVpc' })), {
      aws,
      clock,
      dryRun: false,
      runners: {},
    });
    expect(result.steps[0]?.error?.message).toMatch(/no runner for ec2:DeleteVpc/);
  });

  test('takes a rate-limit token per call before sending', async () => {
    const limiter = new RateLimiter({});
    const take = jest.spyOn(limiter, 'take');
    await executePlan(plan(step('a'), step('b')), {
      aws,
      clock,
      dryRun: false,
      limiter,
      runners: { 'ec2:CreateTags': async () => ({}) },
    });
    expect(take.mock.calls).toEqual([['ec2:CreateTags'], ['ec2:CreateTags']]);
  });
});

describe('executePlan with stages', () => {
  test('sends the steps of one stage together and the next stage only after', async () => {
    const events: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const runner: StepRunner = async (_aws, _region, input) => {
      const id = (input.Resources as string[])[0] as string;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      events.push(`start ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${id}`);
      inFlight -= 1;
      return {};
    };
    await executePlan(
      plan(
        step('a', { stage: 'untrack' }),
        step('b', { stage: 'untrack' }),
        step('c', { stage: 'isolate' }),
        step('d', { stage: 'isolate' }),
      ),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runner },
      },
    );
    expect(peak).toBe(2);
    expect(events.indexOf('start c')).toBeGreaterThan(events.indexOf('end a'));
    expect(events.indexOf('start c')).toBeGreaterThan(events.indexOf('end b'));
  });

  test('lets the rest of a stage answer after a failure, then stops', async () => {
    const runner = jest.fn<ReturnType<StepRunner>, Parameters<StepRunner>>(
      async (_aws, _region, input) => {
        if ((input.Resources as string[])[0] === 'a') throw awsError('UnauthorizedOperation');
        return {};
      },
    );
    const result = await executePlan(
      plan(step('a', { stage: 's' }), step('b', { stage: 's' }), step('c')),
      { aws, clock, dryRun: false, runners: { 'ec2:CreateTags': runner } },
    );
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['a', 'failed'],
      ['b', 'done'],
      ['c', 'not-run'],
    ]);
  });

  test('runs steps of different stages, or without one, one at a time in plan order', async () => {
    const order: string[] = [];
    const runner: StepRunner = async (_aws, _region, input) => {
      order.push((input.Resources as string[])[0] as string);
      return {};
    };
    await executePlan(
      plan(step('a', { stage: 'x' }), step('b'), step('c'), step('d', { stage: 'x' })),
      { aws, clock, dryRun: false, runners: { 'ec2:CreateTags': runner } },
    );
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });
});
