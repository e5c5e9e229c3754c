import { formatPlan, formatRunRecord } from './format';
import { RUN_RECORD_FORMAT, type RunRecord } from './record';
import type { Plan } from './step';

const target = { type: 'AwsEc2Instance', id: 'i-1', arn: 'arn', region: 'us-east-1', account: '1' };

function record(overrides: Partial<RunRecord>): RunRecord {
  return {
    format: RUN_RECORD_FORMAT,
    version: 1,
    runId: 'run-1',
    responder: 'isolate-ec2-instance',
    caseId: 'IR-1',
    target,
    actor: 'arn:aws:iam::1:user/responder',
    trigger: { source: 'cli' },
    dryRun: false,
    startedAt: '2026-06-01T00:00:00.000Z',
    finishedAt: '2026-06-01T00:00:01.000Z',
    outcome: 'succeeded',
    notes: [],
    steps: [],
    verification: [],
    ...overrides,
  };
}

describe('formatRunRecord', () => {
  test('puts EXPOSED and the exposed ids before everything else', () => {
    const text = formatRunRecord(record({ outcome: 'exposed', exposed: ['eni-1', 'eni-2'] }));
    expect(text.split('\n')[0]).toMatch(
      /^EXPOSED: eni-1, eni-2 could be neither closed nor undone/,
    );
    expect(text.split('\n')[1]).toBe('Outcome: exposed (run run-1)');
  });

  test('says why a deadline stopped the run', () => {
    expect(formatRunRecord(record({ outcome: 'failed', stoppedBy: 'stopped before x' }))).toContain(
      'Stopped: stopped before x',
    );
  });
});

describe('formatPlan', () => {
  test('shows which step closes a window and which undoes it', () => {
    const plan: Plan = {
      responder: 'isolate-ec2-instance',
      caseId: 'IR-1',
      target,
      notes: [],
      steps: [
        {
          id: 'untrack-eni-1',
          reason: 'r',
          action: 'ec2:ModifyNetworkInterfaceAttribute',
          region: 'us-east-1',
          input: {},
          opensWindow: {
            exposes: 'eni-1',
            closedBy: 'isolate-eni-1',
            undo: {
              id: 'restore-eni-1-groups',
              reason: 'r',
              action: 'ec2:ModifyNetworkInterfaceAttribute',
              region: 'us-east-1',
              input: {},
            },
          },
        },
      ],
    };
    expect(formatPlan(plan)).toContain(
      'opens eni-1 until isolate-eni-1, else restore-eni-1-groups',
    );
  });
});
