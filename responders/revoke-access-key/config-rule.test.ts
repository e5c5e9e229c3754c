import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { configRuleEvent } from '../../test/fixtures/config-rule-event';
import { useEnvironment } from '../../test/helpers/environment';
import { mockedActions } from '../../test/helpers/sdk-mock';
import {
  compromisedKeyOf,
  judgeCompromisedKey,
  readCompromisedKey,
  validateUserId,
} from './config-rule';
import { configRuleHandler } from './handler';
import { revocationDocument } from './policy';
import {
  REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS,
  REVOKE_ACCESS_KEY_READ_ACTIONS,
} from './permissions';

const iam = mockClient(IAMClient);
const config = mockClient(ConfigServiceClient);
const USER_ID = 'AIDAJQABLZS4A3QDU576Q';
const KEY = 'AKIAQWERTYUIOP654321';
const aws = () => new AwsClients({ maxAttempts: 1, env: {} });
const actions = () => mockedActions({ IAMClient: iam });
const MANAGED_ARN =
  'arn:aws:iam::123456789012:policy/pyjamas/pyjamas-revoke-older-sessions-ci-deployer';
const noSuchEntity = () => new NoSuchEntityException({ message: 'none', $metadata: {} });

function seed(tags: { Key: string; Value: string }[], status = 'Active'): void {
  iam.on(ListUsersCommand).resolvesOnce({
    Users: [
      {
        UserName: 'bob',
        UserId: 'AIDAOTHERUSER00000001',
        Arn: 'a',
        Path: '/',
        CreateDate: new Date(),
      },
    ],
    IsTruncated: true,
    Marker: 'm',
  });
  iam.on(ListUsersCommand, { Marker: 'm' }).resolves({
    Users: [
      { UserName: 'ci-deployer', UserId: USER_ID, Arn: 'b', Path: '/', CreateDate: new Date() },
    ],
  });
  iam.on(GetUserCommand).resolves({
    User: {
      UserName: 'ci-deployer',
      UserId: USER_ID,
      Arn: 'b',
      Path: '/',
      CreateDate: new Date(),
      Tags: tags,
    },
  });
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { AccessKeyId: KEY, Status: status as never },
      { AccessKeyId: 'AKIAOTHERKEY00000001', Status: 'Active' },
    ],
  });
}

beforeEach(() => {
  iam.reset();
  config.reset();
});

describe('validateUserId', () => {
  test.each([USER_ID, 'abcdefghij0123456789'])('accepts the unique id %s', (id) => {
    expect(validateUserId(id)).toBe(id);
  });

  test.each([KEY, 'bob', '', undefined, 'AIDA-with-dash-00000'])('refuses %j', (id) => {
    expect(() => validateUserId(id)).toThrow(/is not the unique id of an IAM user/);
  });
});

describe('readCompromisedKey', () => {
  test('finds the user by its unique id across pages, then reads its tag and keys with listed actions only', async () => {
    seed([{ Key: 'pyjamas:compromised-key', Value: KEY }]);
    expect(await readCompromisedKey(aws(), 'us-east-1', USER_ID)).toEqual({
      userName: 'ci-deployer',
      tagged: KEY,
      keys: [
        { accessKeyId: KEY, status: 'Active' },
        { accessKeyId: 'AKIAOTHERKEY00000001', status: 'Active' },
      ],
    });
    expect(actions().sort()).toEqual([
      'iam:GetUser',
      'iam:ListAccessKeys',
      'iam:ListUsers',
      'iam:ListUsers',
    ]);
    expect(
      actions().filter(
        (action) => !(REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
    expect(
      actions().filter(
        (action) => !(REVOKE_ACCESS_KEY_READ_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });

  test('reads the session deny once the tagged key is inactive: inline, else the managed fallback', async () => {
    seed([{ Key: 'pyjamas:compromised-key', Value: KEY }], 'Inactive');
    iam.on(GetUserPolicyCommand).rejects(noSuchEntity());
    iam.on(ListAttachedUserPoliciesCommand).resolves({
      AttachedPolicies: [
        {
          PolicyName: 'pyjamas-revoke-older-sessions-ci-deployer',
          PolicyArn: MANAGED_ARN,
        },
      ],
    });
    iam.on(GetPolicyCommand).resolves({ Policy: { DefaultVersionId: 'v2' } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: MANAGED_ARN, VersionId: 'v2' }).resolves({
      PolicyVersion: { Document: encodeURIComponent(revocationDocument('2026-06-01T12:05:00Z')) },
    });
    expect((await readCompromisedKey(aws(), 'us-east-1', USER_ID)).sessionDeny).toEqual({
      policy: MANAGED_ARN,
      time: '2026-06-01T12:05:00Z',
    });
    expect(
      actions().filter(
        (action) => !(REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });

  test('says there is no session deny when neither policy is there', async () => {
    seed([{ Key: 'pyjamas:compromised-key', Value: KEY }], 'Inactive');
    iam.on(GetUserPolicyCommand).rejects(noSuchEntity());
    iam.on(ListAttachedUserPoliciesCommand).resolves({ AttachedPolicies: [] });
    expect((await readCompromisedKey(aws(), 'us-east-1', USER_ID)).sessionDeny).toBeNull();
  });

  test('says when no user has the id', async () => {
    iam.on(ListUsersCommand).resolves({ Users: [] });
    await expect(readCompromisedKey(aws(), 'us-east-1', USER_ID)).rejects.toThrow(
      `no IAM user has the unique id ${USER_ID}`,
    );
  });
});

describe('judgeCompromisedKey', () => {
  const DENY = { policy: 'pyjamas-revoke-older-sessions', time: '2026-06-01T12:05:00Z' };
  const state = (
    tagged: string | undefined,
    status = 'Active',
    sessionDeny: typeof DENY | null = DENY,
  ) => ({
    userName: 'ci-deployer',
    ...(tagged === undefined ? {} : { tagged }),
    keys: [{ accessKeyId: KEY, status }],
    ...(status === 'Inactive' ? { sessionDeny } : {}),
  });
  test.each([
    [
      'an untagged user',
      state(undefined),
      'NOT_APPLICABLE',
      'ci-deployer has no pyjamas:compromised-key tag.',
    ],
    [
      'an active tagged key',
      state(KEY),
      'NON_COMPLIANT',
      `${KEY} of ci-deployer is tagged compromised and still Active.`,
    ],
    [
      'an inactive tagged key whose sessions are denied',
      state(KEY, 'Inactive'),
      'COMPLIANT',
      `${KEY} of ci-deployer is inactive and sessions issued before 2026-06-01T12:05:00Z are denied (pyjamas-revoke-older-sessions).`,
    ],
    [
      'an inactive tagged key whose session deny was deleted',
      state(KEY, 'Inactive', null),
      'NON_COMPLIANT',
      `${KEY} of ci-deployer is inactive, but no policy denies the sessions it minted (pyjamas-revoke-older-sessions is gone or was never put).`,
    ],
    [
      'a deleted tagged key',
      state('AKIAGONEKEY000000001'),
      'COMPLIANT',
      'AKIAGONEKEY000000001 no longer exists (or is not a key of ci-deployer).',
    ],
    [
      'a tag that is no key id',
      state('yes'),
      'NON_COMPLIANT',
      'The pyjamas:compromised-key tag of ci-deployer must hold an access key id (AKIA…), got "yes".',
    ],
  ])('%s', (_name, subject, compliance, annotation) => {
    expect(judgeCompromisedKey(subject)).toEqual({ compliance, annotation });
  });
});

describe('compromisedKeyOf', () => {
  test('names the tagged key of the user', async () => {
    seed([{ Key: 'pyjamas:compromised-key', Value: KEY }]);
    expect(await compromisedKeyOf(aws(), 'us-east-1', USER_ID)).toEqual({
      userName: 'ci-deployer',
      accessKeyId: KEY,
    });
  });

  test.each([
    ['the tag is gone', [], /IAM user ci-deployer has no pyjamas:compromised-key tag/],
    [
      "the tag names another user's key",
      [{ Key: 'pyjamas:compromised-key', Value: 'AKIASOMEONEELSE00001' }],
      /names "AKIASOMEONEELSE00001", which is not one of its access keys \(AKIAQWERTYUIOP654321, AKIAOTHERKEY00000001\)/,
    ],
  ])('refuses when %s', async (_name, tags, message) => {
    seed(tags);
    await expect(compromisedKeyOf(aws(), 'us-east-1', USER_ID)).rejects.toThrow(message);
  });
});

describe('configRuleHandler', () => {
  useEnvironment({ AWS_REGION: 'us-east-1' });
  const userEvent = (options = {}) =>
    configRuleEvent({ resourceType: 'AWS::IAM::User', resourceId: USER_ID, ...options });

  test("judges the user's keys and reports the verdict", async () => {
    seed([{ Key: 'pyjamas:compromised-key', Value: KEY }]);
    config.on(PutEvaluationsCommand).resolves({});
    expect(await configRuleHandler(userEvent())).toMatchObject({ compliance: 'NON_COMPLIANT' });
    expect(
      config.commandCalls(PutEvaluationsCommand)[0]?.args[0].input.Evaluations?.[0],
    ).toMatchObject({
      ComplianceResourceType: 'AWS::IAM::User',
      ComplianceResourceId: USER_ID,
      ComplianceType: 'NON_COMPLIANT',
    });
  });

  test('reports a user that no longer exists as not applicable', async () => {
    iam.on(ListUsersCommand).resolves({ Users: [] });
    config.on(PutEvaluationsCommand).resolves({});
    expect(await configRuleHandler(userEvent())).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: expect.stringContaining('no IAM user has the unique id'),
    });
  });

  test('judges every tagged user periodically and reports them, untagged users left out', async () => {
    iam.on(ListUsersCommand).resolves({
      Users: [
        {
          UserName: 'bob',
          UserId: 'AIDAOTHERUSER00000001',
          Arn: 'a',
          Path: '/',
          CreateDate: new Date(),
        },
        { UserName: 'ci-deployer', UserId: USER_ID, Arn: 'b', Path: '/', CreateDate: new Date() },
      ],
    });
    iam.on(GetUserCommand, { UserName: 'bob' }).resolves({
      User: {
        UserName: 'bob',
        UserId: 'x',
        Arn: 'a',
        Path: '/',
        CreateDate: new Date(),
        Tags: [],
      },
    });
    iam.on(GetUserCommand, { UserName: 'ci-deployer' }).resolves({
      User: {
        UserName: 'ci-deployer',
        UserId: USER_ID,
        Arn: 'b',
        Path: '/',
        CreateDate: new Date(),
        Tags: [{ Key: 'pyjamas:compromised-key', Value: KEY }],
      },
    });
    // Re-activated since the response: only a periodic look sees it.
    iam
      .on(ListAccessKeysCommand)
      .resolves({ AccessKeyMetadata: [{ AccessKeyId: KEY, Status: 'Active' }] });
    config.on(PutEvaluationsCommand).resolves({});
    const scheduled = {
      configRuleName: 'pyjamas-compromised-key-inactive',
      resultToken: 'token',
      invokingEvent: JSON.stringify({
        messageType: 'ScheduledNotification',
        notificationCreationTime: '2026-06-01T13:00:00.000Z',
        awsAccountId: '123456789012',
      }),
    };
    expect(await configRuleHandler(scheduled)).toEqual({ evaluated: 1 });
    expect(config.commandCalls(PutEvaluationsCommand)[0]?.args[0].input).toEqual({
      ResultToken: 'token',
      Evaluations: [
        {
          ComplianceResourceType: 'AWS::IAM::User',
          ComplianceResourceId: USER_ID,
          ComplianceType: 'NON_COMPLIANT',
          Annotation: `${KEY} of ci-deployer is tagged compromised and still Active.`,
          OrderingTimestamp: new Date('2026-06-01T13:00:00.000Z'),
        },
      ],
    });
  });

  test('rejects an instance event before any AWS call', async () => {
    await expect(configRuleHandler(configRuleEvent())).rejects.toThrow(
      /judges AWS::IAM::User resources/,
    );
    expect([iam.calls().length, config.calls().length]).toEqual([0, 0]);
  });
});
