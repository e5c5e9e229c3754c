import { mockClient } from 'aws-sdk-client-mock';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import {
  InvalidEventError,
  ResponseFailedError,
  accountOfFunctionArn,
  asParsed,
  lambdaSettings,
  runLambdaResponse,
  type LambdaContext,
  type LambdaRequest,
  type LambdaRun,
} from './lambda-flow';
import { respond, type Responder } from './respond';

const sts = mockClient(STSClient);
const sns = mockClient(SNSClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:pyjamas-security-alarms`;
const ENV = { AWS_REGION: 'us-east-1', PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC };

beforeEach(() => {
  for (const mock of [sts, sns, tagging]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pyjamas-responder/fn`,
  });
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});

/** A responder of one step whose runner does `act`. */
function oneStep(act: () => Promise<void>): Responder<null> {
  return {
    name: 'test-responder',
    describe: () => Promise.resolve(null),
    plan: () => ({
      responder: 'test-responder',
      caseId: 'IR-1',
      target: {
        type: 'Thing',
        id: 'thing-1',
        arn: 'arn:aws:x:::thing-1',
        region: 'us-east-1',
        account: ACCOUNT,
      },
      steps: [
        { id: 'act-on-thing', reason: 'test', action: 'test:Act', region: 'us-east-1', input: {} },
      ],
      notes: [],
    }),
    runners: { 'test:Act': async () => (await act(), {}) },
    verify: () => Promise.resolve([]),
    artifacts: () => [],
  };
}

const request: LambdaRequest = {
  target: 'thing-1',
  caseId: 'IR-1',
  trigger: { source: 'guardduty', id: 'finding-1' },
};

function invoke(
  env: NodeJS.ProcessEnv,
  options: {
    readonly act?: () => Promise<void>;
    readonly request?: LambdaRequest;
    readonly context?: LambdaContext;
    readonly seen?: LambdaRun[];
  } = {},
) {
  const act = options.act ?? (() => Promise.resolve());
  return runLambdaResponse({
    responder: 'test-responder',
    parse: () => options.request ?? request,
    env,
    ...(options.context ? { context: options.context } : {}),
    resolve: asParsed,
    run: async (_request, run) => {
      options.seen?.push(run);
      return {
        response: await respond(oneStep(act), run.respondOptions),
        containment: 'contained',
        extra: {},
      };
    },
    deps: {
      aws: new AwsClients({ maxAttempts: 1, env: {} }),
      clock: fixedClock('2026-06-01T12:00:00Z'),
      log: () => undefined,
    },
  });
}

describe('lambdaSettings', () => {
  test('is a dry run unless PYJAMAS_ENFORCE is true', () => {
    expect(lambdaSettings({ AWS_REGION: 'eu-west-1' })).toEqual({
      dryRun: true,
      region: 'eu-west-1',
    });
    expect(
      lambdaSettings({
        AWS_REGION: 'eu-west-1',
        PYJAMAS_ENFORCE: 'true',
        PYJAMAS_EVIDENCE_BUCKET: 'evidence',
        PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC,
      }),
    ).toEqual({
      dryRun: false,
      region: 'eu-west-1',
      evidenceBucket: 'evidence',
      notifyTopicArn: TOPIC,
    });
  });

  test('takes the owner of a central evidence bucket from PYJAMAS_EVIDENCE_BUCKET_OWNER', () => {
    expect(
      lambdaSettings({
        AWS_REGION: 'eu-west-1',
        PYJAMAS_EVIDENCE_BUCKET: 'central',
        PYJAMAS_EVIDENCE_BUCKET_OWNER: '111111111111',
      }),
    ).toEqual({
      dryRun: true,
      region: 'eu-west-1',
      evidenceBucket: 'central',
      evidenceBucketOwner: '111111111111',
    });
  });

  test.each([
    ['no AWS_REGION', {}, /AWS_REGION is not set: Lambda sets it in every function/],
    [
      'a region that is no region',
      { AWS_REGION: 'moon-1' },
      /AWS_REGION "moon-1" is not a region name/,
    ],
    [
      'an enforcement switch that is neither true nor false',
      { AWS_REGION: 'eu-west-1', PYJAMAS_ENFORCE: 'yes' },
      /PYJAMAS_ENFORCE must be "true" or "false", got "yes"/,
    ],
    [
      'a bucket owner that is no account id',
      { AWS_REGION: 'eu-west-1', PYJAMAS_EVIDENCE_BUCKET_OWNER: 'security' },
      /PYJAMAS_EVIDENCE_BUCKET_OWNER must be a 12-digit account id, got "security"/,
    ],
  ])('refuses %s', (_name, env, message) => {
    expect(() => lambdaSettings(env)).toThrow(message);
  });
});

test('accountOfFunctionArn reads the account of a function ARN, with or without an alias', () => {
  expect(accountOfFunctionArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`)).toBe(ACCOUNT);
  expect(
    accountOfFunctionArn(`arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:f:live`),
  ).toBe(ACCOUNT);
  expect(accountOfFunctionArn('arn:aws:sns:us-east-1:123456789012:topic')).toBeUndefined();
  expect(accountOfFunctionArn(undefined)).toBeUndefined();
});

describe('runLambdaResponse', () => {
  test('refuses to run without AWS_REGION, before any AWS call', async () => {
    await expect(invoke({ PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC })).rejects.toThrow(
      /AWS_REGION is not set/,
    );
    expect([sts, sns, tagging].map((mock) => mock.calls().length)).toEqual([0, 0, 0]);
  });

  test('contains without an evidence bucket: the run is degraded and the notice says why first', async () => {
    let acted = 0;
    const result = await invoke(
      { ...ENV, PYJAMAS_ENFORCE: 'true' },
      { act: () => Promise.resolve(void (acted += 1)) },
    );
    expect(acted).toBe(1);
    expect(result).toMatchObject({
      responder: 'test-responder',
      target: 'thing-1',
      outcome: 'degraded',
      containment: 'contained',
      evidenceProblem: expect.stringMatching(
        /^no evidence filed: the evidence store could not be chosen \(UsageError: no evidence bucket tagged/,
      ),
    });
    expect(result.evidence).toBeUndefined();
    const message = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
    expect(message).toContain('Outcome:     degraded');
    expect(message).toMatch(/^EVIDENCE WAS NOT FILED: .*\n {2}- no evidence filed/);
  });

  test('a dry run without an evidence bucket stays a dry run and says what it could not find', async () => {
    const result = await invoke(ENV);
    expect(result.outcome).toBe('dry-run');
    expect(result.evidenceProblem).toMatch(/no evidence bucket tagged/);
  });

  test('throws one ResponseFailedError after telling the topic of a failed step', async () => {
    const failure = invoke(
      { ...ENV, PYJAMAS_ENFORCE: 'true' },
      {
        act: () =>
          Promise.reject(
            Object.assign(new Error('denied by SCP'), { name: 'AccessDenied', $metadata: {} }),
          ),
      },
    );
    await expect(failure).rejects.toThrow(ResponseFailedError);
    await expect(failure).rejects.toThrow(
      'test-responder of thing-1 for case IR-1 failed: step act-on-thing (AccessDenied: denied by SCP)',
    );
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message).toContain(
      'Outcome:     failed',
    );
  });

  test('hands the Lambda context to the responder, for its remaining time', async () => {
    const seen: LambdaRun[] = [];
    const context = { getRemainingTimeInMillis: () => 42_000 };
    await invoke(ENV, { context, seen });
    expect(seen[0]?.context?.getRemainingTimeInMillis?.()).toBe(42_000);
  });

  test('refuses a request about another account with both accounts named, and tells the topic', async () => {
    const seen: LambdaRun[] = [];
    const refusal = invoke(ENV, {
      request: { ...request, account: '210987654321' },
      context: { invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` },
      seen,
    });
    await expect(refusal).rejects.toThrow(InvalidEventError);
    await expect(refusal).rejects.toThrow(
      `guardduty event finding-1 is about thing-1 in account 210987654321, but this function runs in account ${ACCOUNT}`,
    );
    expect(seen).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toBe(
      '[pyjamas] test-responder thing-1: error (dry run)',
    );
  });

  test('runs a request about its own account, asking STS when Lambda gave no function ARN', async () => {
    const result = await invoke(ENV, { request: { ...request, account: ACCOUNT } });
    expect(result.outcome).toBe('dry-run');
  });
});
