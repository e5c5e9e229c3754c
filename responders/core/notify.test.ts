import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import type { RunRecord } from './record';
import {
  evidenceNotice,
  formatNotice,
  notifyTopicFromEnv,
  publishNotice,
  type ResponseNotice,
} from './notify';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:pyjamas-security-alarms';
const notice: ResponseNotice = {
  responder: 'isolate-ec2-instance',
  target: 'i-0123456789abcdef0',
  caseId: 'IR-42',
  dryRun: false,
  outcome: 'succeeded',
  trigger: { source: 'guardduty', id: 'f1' },
  runId: '20260601T120000Z-isolate-ec2-instance-abcdef',
  containment: 'soft — security groups drop untracked flows',
  evidence: 's3://evidence/cases/IR-42/manifest.json',
};

beforeEach(() => sns.reset());

describe('formatNotice', () => {
  test('says what was done to which target, under which case, how contained, where the evidence is and in which mode', () => {
    const { subject, message } = formatNotice(notice);
    expect(subject).toBe(
      '[pyjamas] isolate-ec2-instance i-0123456789abcdef0: succeeded (enforced)',
    );
    expect(message.split('\n')).toEqual([
      'isolate-ec2-instance responded to i-0123456789abcdef0.',
      '',
      'Target:      i-0123456789abcdef0',
      'Case:        IR-42',
      'Outcome:     succeeded',
      'Mode:        enforced',
      'Trigger:     guardduty f1',
      'Containment: soft — security groups drop untracked flows',
      'Evidence:    s3://evidence/cases/IR-42/manifest.json',
      'Run:         20260601T120000Z-isolate-ec2-instance-abcdef',
    ]);
  });

  test('says EXPOSED first, in the subject and the message, naming what stays exposed', () => {
    const { subject, message } = formatNotice({
      ...notice,
      outcome: 'exposed',
      exposed: ['eni-0abc'],
      failures: ['step isolate-eni-eni-0abc', 'step restore-eni-eni-0abc-groups'],
    });
    expect(subject).toMatch(/^\[pyjamas\] EXPOSED eni-0abc isolate-ec2-instance /);
    expect(message.split('\n')[0]).toMatch(/^EXPOSED: eni-0abc could be neither closed nor undone/);
  });

  test('says that a dry run changed nothing, and lists failures and errors', () => {
    const { subject, message } = formatNotice({
      ...notice,
      caseId: undefined,
      dryRun: true,
      outcome: 'error',
      evidence: undefined,
      runId: undefined,
      failures: ['step isolate-eni'],
      error: 'AccessDenied: no',
    });
    expect(subject).toBe('[pyjamas] isolate-ec2-instance i-0123456789abcdef0: error (dry run)');
    expect(message).toContain('Case:        none yet: the response stopped before it had one');
    expect(message).toContain(
      'Mode:        dry run: nothing is changed until the module prop enforce is true',
    );
    expect(message).toContain('Evidence:    none filed (dry run)');
    expect(message).toContain('Failed:\n  - step isolate-eni');
    expect(message).toContain('Error: AccessDenied: no');
  });

  test('keeps subjects within SNS limits: 100 printable ASCII characters', () => {
    const { subject } = formatNotice({ ...notice, target: `é${'x'.repeat(200)}` });
    expect(subject).toHaveLength(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('evidence in the notice', () => {
  const record = {
    outcome: 'degraded',
    startedAt: '2026-06-01T12:00:00.000Z',
    actor: 'arn:aws:sts::1:assumed-role/responder/fn',
    steps: [{ id: 'isolate-eni-eni-1', status: 'done' }],
    verification: [{ check: 'isolated', ok: true, detail: 'only the isolation group' }],
  } as unknown as RunRecord;
  const head = {
    caseId: 'IR-42',
    key: 'cases/IR-42/manifests/000001.json',
    sequence: 1,
    sha256: 'a'.repeat(64),
    versionId: 'v7',
    location: 's3://evidence',
  };

  test('publishes the chain head of filed evidence', () => {
    const fields = evidenceNotice({
      record,
      evidence: { location: 's3://evidence', manifestKey: head.key, head },
      evidenceProblems: [],
    });
    expect(fields).toEqual({
      evidence: 's3://evidence/cases/IR-42/manifests/000001.json',
      chainHead: `${'a'.repeat(64)} (cases/IR-42/manifests/000001.json, version v7)`,
    });
    expect(formatNotice({ ...notice, ...fields }).message).toContain(
      `Chain head:  ${'a'.repeat(64)}`,
    );
  });

  test('says first that the evidence was not filed, and carries the record instead', () => {
    const fields = evidenceNotice({
      record,
      evidenceProblems: ['s3://evidence refused cases/IR-42/runs/r/run-start.json (AccessDenied)'],
    });
    const lines = formatNotice({ ...notice, evidence: undefined, ...fields }).message.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'EVIDENCE WAS NOT FILED: this notice is the only copy of the record.',
      '  - s3://evidence refused cases/IR-42/runs/r/run-start.json (AccessDenied)',
    ]);
    expect(lines.slice(-4)).toEqual([
      'Run record (not filed):',
      '  outcome degraded, started 2026-06-01T12:00:00.000Z, by arn:aws:sts::1:assumed-role/responder/fn',
      '  done isolate-eni-eni-1',
      '  verified isolated: only the isolation group',
    ]);
  });
});

describe('notifyTopicFromEnv', () => {
  test('reads the topic, or none', () => {
    expect(notifyTopicFromEnv({ PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC })).toBe(TOPIC);
    expect(notifyTopicFromEnv({})).toBeUndefined();
    expect(notifyTopicFromEnv({ PYJAMAS_NOTIFY_TOPIC_ARN: '' })).toBeUndefined();
  });

  test('refuses what is not a topic ARN', () => {
    expect(() => notifyTopicFromEnv({ PYJAMAS_NOTIFY_TOPIC_ARN: 'pyjamas-alarms' })).toThrow(
      'PYJAMAS_NOTIFY_TOPIC_ARN must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), got "pyjamas-alarms"',
    );
  });
});

describe('publishNotice', () => {
  const aws = () => new AwsClients({ maxAttempts: 1, env: {} });

  test("publishes in the topic's own region", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const log = jest.fn();
    await publishNotice(aws(), TOPIC, notice, log);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({
      TopicArn: TOPIC,
      Subject: formatNotice(notice).subject,
    });
    expect(await sns.call(0).thisValue.config.region()).toBe('eu-west-1');
    expect(log).not.toHaveBeenCalled();
  });

  test('logs a notice it cannot send and does not fail the response', async () => {
    sns.on(PublishCommand).rejects(
      Object.assign(new Error('not authorized to perform SNS:Publish'), {
        name: 'AuthorizationError',
        $metadata: {},
      }),
    );
    const log = jest.fn();
    await publishNotice(aws(), TOPIC, notice, log);
    expect(JSON.parse(log.mock.calls[0]?.[0] as string)).toEqual({
      level: 'error',
      msg: 'could not tell the notification topic',
      topicArn: TOPIC,
      caseId: 'IR-42',
      error: 'AuthorizationError: not authorized to perform SNS:Publish',
    });
  });
});
