import { ResponseFailedError, type LambdaResult } from '../../responders/core/lambda-flow';
import { changesBetween, invokeAsDeployed } from './respond';

const result: LambdaResult = {
  responder: 'isolate-ec2-instance',
  target: 'i-1',
  caseId: 'GD-1',
  runId: 'run-1',
  dryRun: false,
  outcome: 'failed',
  containment: 'none',
  steps: [{ id: 'swap-eni-1', status: 'failed', error: 'AccessDenied: no' }],
  verification: [],
  notes: [],
};

describe('changesBetween', () => {
  test('lists only what differs, each as before → after, and what appeared or went', () => {
    expect(
      changesBetween(
        new Map([
          ['eni-1 security groups', 'web'],
          ['instance profile', 'shop-web'],
          ['Auto Scaling group', 'shop-web (InService)'],
        ]),
        new Map([
          ['eni-1 security groups', 'pyjamas-isolation'],
          ['instance profile', 'shop-web'],
          ['target group', 'not registered'],
        ]),
      ),
    ).toEqual([
      'eni-1 security groups: web → pyjamas-isolation',
      'Auto Scaling group: shop-web (InService) → (none)',
      'target group: (none) → not registered',
    ]);
  });
});

describe('invokeAsDeployed', () => {
  const counts = new Map([['ec2', 3]]);

  test("runs the handler with the function's environment and puts the process's back", async () => {
    process.env.PYJAMAS_DEMO_PROBE = 'before';
    let seen: string | undefined;
    const run = await invokeAsDeployed(
      { PYJAMAS_DEMO_PROBE: 'deployed', PYJAMAS_DEMO_NEW: 'x' },
      () => {
        seen = `${process.env.PYJAMAS_DEMO_PROBE} ${process.env.PYJAMAS_DEMO_NEW}`;
        return Promise.resolve({ ...result, outcome: 'succeeded' });
      },
      () => counts,
      (() => {
        const ticks = [1000, 3500];
        return () => ticks.shift() ?? 0;
      })(),
    );

    expect(seen).toBe('deployed x');
    expect(process.env.PYJAMAS_DEMO_PROBE).toBe('before');
    expect(process.env.PYJAMAS_DEMO_NEW).toBeUndefined();
    expect(run).toEqual({
      result: { ...result, outcome: 'succeeded' },
      roundTrips: counts,
      seconds: 2.5,
    });
    delete process.env.PYJAMAS_DEMO_PROBE;
  });

  test('keeps the result of a failed run that the handler threw, and why', async () => {
    const run = await invokeAsDeployed(
      {},
      () => Promise.reject(new ResponseFailedError(result)),
      () => counts,
    );

    expect(run.result).toBe(result);
    expect(run.error).toMatch(/^ResponseFailedError: isolate-ec2-instance of i-1 .* failed/);
  });

  test('says why when the handler refused the event', async () => {
    const run = await invokeAsDeployed(
      {},
      () => Promise.reject(new Error('bad event')),
      () => counts,
    );

    expect(run.result).toBeUndefined();
    expect(run.error).toBe('Error: bad event');
  });
});
