import { UsageError } from '../../lib/errors';
import { planIsolation } from './plan';
import { checkIsolation } from './verify';
import {
  FIXTURE,
  containedWebServer,
  isolationOptions,
  runningWebServer,
} from '../../test/fixtures/isolation-plans';

const ids = (plan: ReturnType<typeof planIsolation>) => plan.steps.map((step) => step.id);

describe('isolate-instance --stop', () => {
  test('stops the instance as the last step, after the snapshots, with a graceful stop', () => {
    const plan = planIsolation(runningWebServer(), isolationOptions({ stop: true }));
    expect(ids(plan).at(-1)).toBe('stop-instance');
    expect(ids(plan).indexOf('snapshot-volumes')).toBe(ids(plan).length - 2);
    expect(plan.steps.at(-1)).toMatchObject({
      action: 'ec2:StopInstances',
      input: { InstanceIds: [FIXTURE.instanceId] },
    });
    expect(plan.steps.at(-1)?.input).not.toHaveProperty('Force');
    expect(plan.notes[0]).toMatch(/^containment: hard — the last step stops the instance/);
    expect(plan.notes.join('\n')).toMatch(/its RAM and any instance-store volume are lost/);
  });

  test('without --stop the plan says what isolation leaves reachable and names --stop', () => {
    const plan = planIsolation(runningWebServer(), isolationOptions());
    expect(ids(plan)).not.toContain('stop-instance');
    expect(plan.notes[1]).toMatch(
      /VPC DNS resolver .* instance metadata .* Amazon Time Sync stay reachable.*isolate-instance --stop/,
    );
  });

  test.each(['stopping', 'stopped'] as const)(
    'an instance already %s is not stopped again',
    (state) => {
      const plan = planIsolation(containedWebServer({ state }), isolationOptions({ stop: true }));
      expect(ids(plan)).not.toContain('stop-instance');
      expect(plan.notes.join('\n')).toMatch(new RegExp(`is ${state} already`));
    },
  );

  test('a rerun with --stop on a contained instance plans the stop alone', () => {
    expect(ids(planIsolation(containedWebServer(), isolationOptions({ stop: true })))).toEqual([
      'stop-instance',
    ]);
  });

  test('refuses --stop with --capture-memory in one run, naming the order to follow', () => {
    expect(() =>
      planIsolation(
        runningWebServer(),
        isolationOptions({
          stop: true,
          captureMemory: { bucketRegion: 'us-east-1', timeoutSeconds: 3600 },
        }),
      ),
    ).toThrow(
      new UsageError(
        `--stop and --capture-memory exclude each other: stopping loses the RAM the capture reads, and the image is uploaded from the running instance; run isolate-instance ${FIXTURE.instanceId} --case IR-42 --capture-memory, then pyjamas forensics finish-memory-capture --case IR-42 --instance ${FIXTURE.instanceId}, then isolate-instance --stop`,
      ),
    );
  });

  test("refuses to stop while the case's capture still holds its scratch volume on the instance", () => {
    const capturing = containedWebServer({
      memoryScratch: {
        volumeId: 'vol-scratch',
        state: 'in-use',
        attachedTo: FIXTURE.instanceId,
        device: '/dev/sdp',
      },
    });
    expect(() => planIsolation(capturing, isolationOptions({ stop: true }))).toThrow(
      /capture of case IR-42 .* is not finished: its image is on scratch volume vol-scratch.*finish-memory-capture --case IR-42/,
    );
  });

  test('refuses an instance-store root, which EC2 cannot stop', () => {
    expect(() =>
      planIsolation(
        runningWebServer({ rootDeviceType: 'instance-store' }),
        isolationOptions({ stop: true }),
      ),
    ).toThrow(/instance-store root device, which EC2 cannot stop .* --nacl-hard-cut/);
  });

  test('verification requires the instance stopping or stopped when --stop was asked', () => {
    const judge = (state: 'running' | 'stopping' | 'stopped') =>
      checkIsolation(containedWebServer({ state }), isolationOptions({ stop: true })).find(
        (result) => result.check === 'instance stopped',
      );
    expect(judge('running')).toEqual({
      check: 'instance stopped',
      ok: false,
      detail: 'the instance is running',
    });
    expect(judge('stopping')?.ok).toBe(true);
    expect(judge('stopped')?.ok).toBe(true);
    expect(
      checkIsolation(containedWebServer(), isolationOptions()).map((result) => result.check),
    ).not.toContain('instance stopped');
  });
});
