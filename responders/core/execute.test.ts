import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { RateLimiter } from '../../lib/rate-limiter';
import { executePlan, planWaves } from './execute';
import type { Plan, Step, StepInput, StepRunner } from './step';

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

describe('executePlan with exposure windows', () => {
  /** A window-opening step on `eni`, closed by `close-<eni>` and undone by `undo-<eni>`. */
  function opener(eni: string, stage = 'open'): Step {
    return step(`open-${eni}`, {
      stage,
      opensWindow: {
        exposes: eni,
        closedBy: `close-${eni}`,
        undo: step(`undo-${eni}`),
      },
    });
  }
  const closer = (eni: string, stage = 'close') => step(`close-${eni}`, { stage });
  /** A runner that fails the steps named in `failing` and records the order of the others. */
  function runnerFailing(failing: readonly string[], sent: string[] = []): StepRunner {
    return async (_aws, _region, input) => {
      const id = (input.Resources as string[])[0] as string;
      sent.push(id);
      if (failing.includes(id)) throw awsError('AccessDenied');
      return {};
    };
  }

  test('a closing step that fails is followed by the undo of its window, and the run fails without exposure', async () => {
    const sent: string[] = [];
    const result = await executePlan(
      plan(opener('eni-a'), opener('eni-b'), closer('eni-a'), closer('eni-b'), step('after')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runnerFailing(['close-eni-b'], sent) },
      },
    );
    expect(result.outcome).toBe('failed');
    expect(result.exposed).toBeUndefined();
    expect(sent).toEqual(['open-eni-a', 'open-eni-b', 'close-eni-a', 'close-eni-b', 'undo-eni-b']);
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['open-eni-a', 'done'],
      ['open-eni-b', 'done'],
      ['close-eni-a', 'done'],
      ['close-eni-b', 'failed'],
      ['undo-eni-b', 'done'],
      ['after', 'not-run'],
    ]);
  });

  test('when the undo fails too the outcome is exposed and names what stays exposed', async () => {
    const result = await executePlan(
      plan(opener('eni-a'), opener('eni-b'), closer('eni-a'), closer('eni-b')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runnerFailing(['close-eni-b', 'undo-eni-b']) },
      },
    );
    expect(result.outcome).toBe('exposed');
    expect(result.exposed).toEqual(['eni-b']);
  });

  test('a failure beside an opening step still closes every window that was opened', async () => {
    const sent: string[] = [];
    const result = await executePlan(
      plan(opener('eni-a'), step('other', { stage: 'open' }), closer('eni-a'), step('after')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runnerFailing(['other'], sent) },
      },
    );
    expect(result.outcome).toBe('failed');
    expect(sent).toEqual(['open-eni-a', 'other', 'close-eni-a']);
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['open-eni-a', 'done'],
      ['other', 'failed'],
      ['close-eni-a', 'done'],
      ['after', 'not-run'],
    ]);
  });

  test('an opening step that failed counts as open: its answer may have been lost after it landed', async () => {
    const sent: string[] = [];
    const result = await executePlan(plan(opener('eni-a'), closer('eni-a')), {
      aws,
      clock,
      dryRun: false,
      runners: { 'ec2:CreateTags': runnerFailing(['open-eni-a', 'close-eni-a'], sent) },
    });
    expect(sent).toEqual(['open-eni-a', 'close-eni-a', 'undo-eni-a']);
    expect(result.outcome).toBe('failed');
  });

  test('no window is opened without the time to close and undo it before the deadline', async () => {
    const sent: string[] = [];
    const result = await executePlan(plan(step('protect'), opener('eni-a'), closer('eni-a')), {
      aws,
      clock,
      dryRun: false,
      runners: { 'ec2:CreateTags': runnerFailing([], sent) },
      deadline: { remainingMs: () => 25_000, roundTripMs: 10_000 },
    });
    expect(sent).toEqual(['protect']);
    expect(result.outcome).toBe('failed');
    expect(result.stoppedBy).toMatch(/stopped before open-eni-a: 25000 ms left/);
    expect(result.steps.map((s) => s.status)).toEqual(['done', 'not-run', 'not-run']);
  });

  test('an open window is closed before the deadline, and nothing else starts', async () => {
    let left = 40_000;
    const sent: string[] = [];
    const runner: StepRunner = async (...args) => {
      left -= 15_000;
      return runnerFailing([], sent)(...args);
    };
    const result = await executePlan(
      plan(opener('eni-a'), step('middle'), closer('eni-a'), step('after')),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runner },
        deadline: { remainingMs: () => left, roundTripMs: 10_000 },
      },
    );
    expect(sent).toEqual(['open-eni-a', 'close-eni-a']);
    expect(result.outcome).toBe('failed');
    expect(result.exposed).toBeUndefined();
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['open-eni-a', 'done'],
      ['middle', 'not-run'],
      ['close-eni-a', 'done'],
      ['after', 'not-run'],
    ]);
  });
});

describe('executePlan with fallbacks', () => {
  test('a failed step whose fallback succeeds degrades the run and containment goes on', async () => {
    const sent: string[] = [];
    const runner: StepRunner = async (_aws, _region, input) => {
      const id = (input.Resources as string[])[0] as string;
      sent.push(id);
      if (id === 'leave-group') throw awsError('ScalingActivityInProgress');
      return {};
    };
    const result = await executePlan(
      plan(step('leave-group', { fallback: step('suspend-processes') }), step('isolate')),
      { aws, clock, dryRun: false, runners: { 'ec2:CreateTags': runner } },
    );
    expect(sent).toEqual(['leave-group', 'suspend-processes', 'isolate']);
    expect(result.outcome).toBe('degraded');
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['leave-group', 'failed'],
      ['suspend-processes', 'done'],
      ['isolate', 'done'],
    ]);
  });

  test('a failed step whose fallback fails too stops the run', async () => {
    const result = await executePlan(
      plan(step('leave-group', { fallback: step('suspend-processes') }), step('isolate')),
      {
        aws,
        clock,
        dryRun: false,
        runners: {
          'ec2:CreateTags': async () => {
            throw awsError('AccessDenied');
          },
        },
      },
    );
    expect(result.outcome).toBe('failed');
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'failed', 'not-run']);
  });
});

describe('executePlan with declared dependencies', () => {
  /** A runner that takes `delays[id]` ms (default 1) and logs when each step starts and ends. */
  function loggingRunner(
    events: string[],
    delays: Record<string, number> = {},
    failing = '',
  ): StepRunner {
    return async (_aws, _region, input) => {
      const id = (input.Resources as string[])[0] as string;
      events.push(`start ${id}`);
      await new Promise((resolve) => setTimeout(resolve, delays[id] ?? 1));
      events.push(`end ${id}`);
      if (id === failing) throw awsError('AccessDenied');
      return {};
    };
  }

  test('sends a step as soon as the steps it waits for have answered, beside the slower independent ones', async () => {
    const events: string[] = [];
    const result = await executePlan(
      plan(
        step('fast', { after: [] }),
        step('slow', { after: [] }),
        step('next', { after: ['fast'] }),
        step('last'),
      ),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': loggingRunner(events, { slow: 40 }) },
      },
    );
    expect(result.outcome).toBe('succeeded');
    expect(events.slice(0, 2)).toEqual(['start fast', 'start slow']);
    expect(events.indexOf('start next')).toBeLessThan(events.indexOf('end slow'));
    // A step without `after` waits for every earlier step.
    expect(events.indexOf('start last')).toBeGreaterThan(events.indexOf('end slow'));
    expect(result.steps.map((s) => s.id)).toEqual(['fast', 'slow', 'next', 'last']);
  });

  test('what waits for a failed step waits for its fallback too, and the fallback is recorded after it', async () => {
    const events: string[] = [];
    const result = await executePlan(
      plan(
        step('leave-group', { after: [], fallback: step('suspend-processes') }),
        step('other', { after: [] }),
        step('isolate', { after: ['leave-group'] }),
      ),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': loggingRunner(events, {}, 'leave-group') },
      },
    );
    expect(events.indexOf('start isolate')).toBeGreaterThan(
      events.indexOf('end suspend-processes'),
    );
    expect(result.outcome).toBe('degraded');
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['leave-group', 'failed'],
      ['suspend-processes', 'done'],
      ['other', 'done'],
      ['isolate', 'done'],
    ]);
  });

  test('after a real failure nothing new starts, and the steps already sent answer', async () => {
    const events: string[] = [];
    const result = await executePlan(
      plan(
        step('denied', { after: [] }),
        step('slow', { after: [] }),
        step('needs-denied', { after: ['denied'] }),
        step('needs-slow', { after: ['slow'] }),
      ),
      {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': loggingRunner(events, { slow: 30 }, 'denied') },
      },
    );
    expect(result.outcome).toBe('failed');
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['denied', 'failed'],
      ['slow', 'done'],
      ['needs-denied', 'not-run'],
      ['needs-slow', 'not-run'],
    ]);
  });

  test('a closing step waits for its opening step even when it declares no dependency', async () => {
    const events: string[] = [];
    await executePlan(
      plan(
        step('open-eni-a', {
          after: [],
          opensWindow: { exposes: 'eni-a', closedBy: 'close-eni-a', undo: step('undo-eni-a') },
        }),
        step('close-eni-a', { after: [] }),
      ),
      { aws, clock, dryRun: false, runners: { 'ec2:CreateTags': loggingRunner(events) } },
    );
    expect(events).toEqual([
      'start open-eni-a',
      'end open-eni-a',
      'start close-eni-a',
      'end close-eni-a',
    ]);
  });

  test('a step that waits for a step not earlier in the plan is refused before anything is sent', async () => {
    const runner = jest.fn<ReturnType<StepRunner>, Parameters<StepRunner>>();
    await expect(
      executePlan(plan(step('a', { after: ['b'] }), step('b')), {
        aws,
        clock,
        dryRun: false,
        runners: { 'ec2:CreateTags': runner },
      }),
    ).rejects.toThrow(/step a waits for b, which is not an earlier step/);
    expect(runner).not.toHaveBeenCalled();
  });

  test('planWaves counts the round trip each step goes out in', () => {
    expect(
      planWaves([
        step('a', { after: [] }),
        step('b', { after: [] }),
        step('c', { after: ['a'] }),
        step('d', { after: [], input: { Groups: [{ $fromStep: 'c', path: 'GroupId' }] } }),
        step('e'),
      ]),
    ).toEqual([1, 1, 2, 3, 4]);
  });
});

describe('executePlan before the run may change anything', () => {
  test('sends only the first steps’ reads until mayChange settles, and hands each runner its read', async () => {
    const events: string[] = [];
    let allow: () => void = () => undefined;
    const mayChange = new Promise<void>((resolve) => {
      allow = resolve;
    });
    const reading = Object.assign(
      async (_aws: AwsClients, _region: string, input: StepInput, early?: Promise<unknown>) => {
        events.push(`send ${String(input.Resources)} with ${String(await early)}`);
        return {};
      },
      {
        read: async (_aws: AwsClients, _region: string, input: StepInput) => {
          events.push(`read ${String(input.Resources)}`);
          return 'fresh';
        },
      },
    );
    const running = executePlan(
      plan(
        step('first', { action: 'autoscaling:EnterStandby', after: [] }),
        step('later', { action: 'autoscaling:EnterStandby', after: ['first'] }),
      ),
      { aws, clock, dryRun: false, mayChange, runners: { 'autoscaling:EnterStandby': reading } },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(['read first']);
    allow();
    const result = await running;
    expect(result.outcome).toBe('succeeded');
    // A later step's read is the runner's own business: it is not sent early.
    expect(events).toEqual(['read first', 'send first with fresh', 'send later with undefined']);
  });

  test('an early read that fails fails its step when the step is sent', async () => {
    const reading = Object.assign(
      async (_aws: AwsClients, _region: string, _input: StepInput, early?: Promise<unknown>) => {
        await early;
        return {};
      },
      {
        read: async () => {
          throw awsError('AccessDenied');
        },
      },
    );
    const result = await executePlan(plan(step('first', { action: 'autoscaling:EnterStandby' })), {
      aws,
      clock,
      dryRun: false,
      mayChange: Promise.resolve(),
      runners: { 'autoscaling:EnterStandby': reading },
    });
    expect(result.steps[0]).toMatchObject({ status: 'failed', error: { name: 'AccessDenied' } });
  });
});
