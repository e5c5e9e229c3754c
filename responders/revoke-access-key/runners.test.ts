import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteLoginProfileCommand,
  DeletePolicyVersionCommand,
  EntityAlreadyExistsException,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { executePlan } from '../core/execute';
import type { Plan, Step } from '../core/step';
import { CloudTrailPacer } from './cloudtrail';
import { revocationDocument } from './policy';
import {
  attachRevocationPolicy,
  collectCloudTrailEvents,
  createRevocationPolicy,
  createRevocationPolicyVersion,
  deactivateAccessKey,
  deleteLoginProfile,
  deleteRevocationPolicyVersion,
  putRoleRevocationPolicy,
  putUserRevocationPolicy,
  tagUser,
} from './steps';
import { revokeAccessKeyRunners, type CollectedEvents } from './runners';

const iam = mockClient(IAMClient);
const cloudtrail = mockClient(CloudTrailClient);
const aws = new AwsClients({ maxAttempts: 1, env: {} });
const clock = fixedClock('2026-06-01T12:00:00Z');
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const TIME = '2026-06-01T12:05:00Z';
const ARN = 'arn:aws:iam::123456789012:policy/pyjamas/pyjamas-revoke-older-sessions-alice';
let collected: CollectedEvents;

beforeEach(() => {
  iam.reset();
  cloudtrail.reset();
  collected = new Map();
});

function run(...steps: Step[]) {
  const plan: Plan = {
    responder: 'revoke-access-key',
    caseId: 'IR-42',
    target: { type: 'AwsIamAccessKey', id: KEY, arn: 'arn', region: 'us-east-1', account: '1' },
    steps,
    notes: [],
  };
  return executePlan(plan, {
    aws,
    clock,
    dryRun: false,
    runners: revokeAccessKeyRunners({ pacer: new CloudTrailPacer(clock), collected }),
  });
}

describe('the runners', () => {
  const steps: [string, Step, { name: string }][] = [
    [
      'UpdateAccessKey',
      deactivateAccessKey('us-east-1', 'alice', KEY, 'why'),
      UpdateAccessKeyCommand,
    ],
    [
      'PutUserPolicy',
      putUserRevocationPolicy('us-east-1', 'alice', revocationDocument(TIME), TIME),
      PutUserPolicyCommand,
    ],
    [
      'CreatePolicy',
      createRevocationPolicy('us-east-1', 'alice', revocationDocument(TIME), TIME),
      CreatePolicyCommand,
    ],
    [
      'CreatePolicyVersion',
      createRevocationPolicyVersion('us-east-1', 'alice', ARN, revocationDocument(TIME), TIME),
      CreatePolicyVersionCommand,
    ],
    [
      'DeletePolicyVersion',
      deleteRevocationPolicyVersion('us-east-1', 'alice', ARN, 'v1'),
      DeletePolicyVersionCommand,
    ],
    [
      'AttachUserPolicy',
      attachRevocationPolicy('us-east-1', 'alice', ARN),
      AttachUserPolicyCommand,
    ],
    ['DeleteLoginProfile', deleteLoginProfile('us-east-1', 'alice'), DeleteLoginProfileCommand],
    [
      'PutRolePolicy',
      putRoleRevocationPolicy(
        'us-east-1',
        'deployer',
        revocationDocument(TIME),
        TIME,
        'named by the operator',
      ),
      PutRolePolicyCommand,
    ],
    ['TagUser', tagUser('us-east-1', 'alice', { 'pyjamas:case-id': 'IR-42' }), TagUserCommand],
  ];

  test.each(steps)(
    '%s sends the step input as it is and records the request id',
    async (_, step, Command) => {
      iam.onAnyCommand().resolves({ $metadata: { requestId: 'req-1' } });
      const result = await run(step);
      expect(result.steps[0]).toMatchObject({ status: 'done', requestId: 'req-1' });
      expect(
        iam.calls().map((call) => [call.args[0].constructor.name, call.args[0].input]),
      ).toEqual([[Command.name, step.input]]);
    },
  );

  test('CreatePolicy hands the new policy ARN to later steps', async () => {
    iam.on(CreatePolicyCommand).resolves({ Policy: { Arn: ARN } });
    const result = await run(
      createRevocationPolicy('us-east-1', 'alice', revocationDocument(TIME), TIME),
    );
    expect(result.steps[0]?.output).toEqual({ PolicyArn: ARN });
  });
});

describe('steps already done', () => {
  const noSuchEntity = new NoSuchEntityException({ message: 'gone', $metadata: {} });
  const exists = new EntityAlreadyExistsException({ message: 'exists', $metadata: {} });
  test.each([
    [
      'a key that no longer exists',
      deactivateAccessKey('us-east-1', 'alice', KEY, 'why'),
      noSuchEntity,
    ],
    [
      'a policy version already deleted',
      deleteRevocationPolicyVersion('us-east-1', 'alice', ARN, 'v1'),
      noSuchEntity,
    ],
    ['a console password already deleted', deleteLoginProfile('us-east-1', 'alice'), noSuchEntity],
    [
      'a managed policy created in the meantime',
      createRevocationPolicy('us-east-1', 'alice', revocationDocument(TIME), TIME),
      exists,
    ],
  ])('count %s as already done', async (_, step, error) => {
    iam.onAnyCommand().rejects(error);
    const result = await run(step);
    expect(result.outcome).toBe('succeeded');
    expect(result.steps[0]?.status).toBe('already-done');
  });

  test('a user deleted under the revocation is a real failure', async () => {
    iam
      .on(PutUserPolicyCommand)
      .rejects(new NoSuchEntityException({ message: 'no user alice', $metadata: {} }));
    const result = await run(
      putUserRevocationPolicy('us-east-1', 'alice', revocationDocument(TIME), TIME),
    );
    expect(result.outcome).toBe('failed');
  });
});

describe('the CloudTrail evidence step', () => {
  const step = collectCloudTrailEvents('eu-west-1', KEY, '2026-03-03T12:00:00.000Z', 90);
  const assumed = {
    eventName: 'AssumeRole',
    eventTime: '2026-05-20T00:00:00Z',
    awsRegion: 'eu-west-1',
    userIdentity: { accessKeyId: KEY },
    requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/deployer' },
  };

  test('keeps the events for the artifacts and records only counts and the sessions the key minted', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .resolves({ Events: [{ CloudTrailEvent: JSON.stringify(assumed) }] });
    const result = await run(step);
    expect(result.steps[0]).toMatchObject({
      status: 'done',
      output: {
        events: 1,
        pages: 1,
        truncated: false,
        sessionsMinted: [
          {
            eventName: 'AssumeRole',
            eventTime: '2026-05-20T00:00:00Z',
            region: 'eu-west-1',
            roleArn: 'arn:aws:iam::123456789012:role/deployer',
          },
        ],
      },
    });
    expect(collected.get('eu-west-1')?.events).toEqual([assumed]);
    expect(cloudtrail.commandCalls(LookupEventsCommand)[0]?.args[0].input.StartTime).toEqual(
      new Date('2026-03-03T12:00:00.000Z'),
    );
  });

  test('that fails degrades the run without stopping the steps after it', async () => {
    cloudtrail.on(LookupEventsCommand).rejects(
      Object.assign(new Error('no LookupEvents here'), {
        name: 'AccessDeniedException',
        $metadata: {},
      }),
    );
    iam.on(TagUserCommand).resolves({});
    const result = await run(step, tagUser('us-east-1', 'alice', { 'pyjamas:case-id': 'IR-42' }));
    expect(result.outcome).toBe('degraded');
    expect(result.steps.map((record) => record.status)).toEqual(['failed', 'done']);
    expect(result.steps[0]?.error).toEqual({
      name: 'AccessDeniedException',
      message: 'no LookupEvents here',
    });
  });
});
