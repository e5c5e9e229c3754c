import {
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import type { Execution } from '../core/execute';
import type { KeyDescription, UserState } from './description';
import { planRevocation, type RevokeOptions } from './plan';
import { revocationDocument, sessionDenyDocument } from './policy';
import { verifyRevocation } from './verify';

const iam = mockClient(IAMClient);
const aws = new AwsClients({ maxAttempts: 1, env: {} });
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const OTHER_KEY = 'AKIAOTHERKEY00000001';
const TIME = '2026-06-01T12:05:00Z';
const noSuchEntity = () => new NoSuchEntityException({ message: 'none', $metadata: {} });

const before: UserState = {
  userName: 'alice',
  userId: 'AIDAALICE',
  arn: 'arn:aws:iam::123456789012:user/alice',
  tags: {},
  accessKeys: [
    { accessKeyId: KEY, status: 'Active' },
    { accessKeyId: OTHER_KEY, status: 'Active' },
  ],
  inlinePolicies: [],
  attachedPolicies: [],
  groups: [],
  loginProfile: {},
  mfaDevices: [],
  managedRevocation: null,
};

const description: KeyDescription = {
  accessKeyId: KEY,
  temporary: false,
  readAt: '2026-06-01T12:00:00.000Z',
  homeRegion: 'us-east-1',
  iamRegion: 'us-east-1',
  partition: 'aws',
  callerAccount: '123456789012',
  actorArn: 'arn:aws:sts::123456789012:assumed-role/responder/ir',
  keyAccount: '123456789012',
  owner: {
    kind: 'user',
    user: before,
    key: { accessKeyId: KEY, status: 'Active' },
    lastUsed: { date: null },
  },
  roles: [
    {
      roleName: 'deployer',
      reasons: ['named'],
      exists: true,
      serviceLinked: false,
      inlinePolicies: [],
    },
  ],
  cloudTrailRegions: [],
  lookbackDays: 90,
};

const options: RevokeOptions = {
  caseId: 'IR-42',
  now: new Date('2026-06-01T12:00:00.000Z'),
  deactivateOtherKeys: true,
  deleteLoginProfile: true,
  revokeAgain: false,
};
const plan = planRevocation(description, options);
const succeeded: Execution = { outcome: 'succeeded', steps: [] };

/** IAM as the run should leave it, with `overrides` for what went wrong. */
function contained(
  overrides: {
    keyStatus?: 'Active' | 'Inactive';
    revocation?: string | null;
    loginProfile?: boolean;
  } = {},
): void {
  // Lists not named below (attached policies, groups, MFA devices) are empty.
  iam.onAnyCommand().resolves({});
  iam.on(GetUserCommand).resolves({
    User: {
      UserName: 'alice',
      UserId: 'AIDAALICE',
      Arn: before.arn,
      Path: '/',
      CreateDate: new Date(),
      Tags: [{ Key: 'pyjamas:case-id', Value: 'IR-42' }],
    },
  });
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { AccessKeyId: KEY, Status: overrides.keyStatus ?? 'Inactive' },
      { AccessKeyId: OTHER_KEY, Status: 'Inactive' },
    ],
  });
  const revocation = overrides.revocation === undefined ? TIME : overrides.revocation;
  iam
    .on(ListUserPoliciesCommand)
    .resolves({ PolicyNames: revocation ? ['pyjamas-revoke-older-sessions'] : [] });
  iam
    .on(GetUserPolicyCommand)
    .resolves({ PolicyDocument: encodeURIComponent(revocationDocument(revocation ?? TIME)) });
  if (overrides.loginProfile)
    iam
      .on(GetLoginProfileCommand)
      .resolves({ LoginProfile: { UserName: 'alice', CreateDate: new Date() } });
  else iam.on(GetLoginProfileCommand).rejects(noSuchEntity());
  iam.on(GetPolicyCommand).rejects(noSuchEntity());
  iam.on(GetRoleCommand).resolves({
    Role: {
      RoleName: 'deployer',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:role/deployer',
      RoleId: 'r',
      CreateDate: new Date(),
    },
  });
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['pyjamas-revoke-older-sessions'] });
  iam
    .on(GetRolePolicyCommand)
    .resolves({ PolicyDocument: encodeURIComponent(revocationDocument(TIME)) });
}

beforeEach(() => iam.reset());

describe('verifyRevocation', () => {
  test('confirms every post-condition of a run with every option on', async () => {
    contained();
    const results = await verifyRevocation(aws, description, plan, options, succeeded);
    expect(results).toEqual([
      { check: 'key-inactive', ok: true, detail: `${KEY} is Inactive` },
      {
        check: 'older-sessions-revoked',
        ok: true,
        detail: `sessions of alice issued before ${TIME} are denied`,
      },
      { check: 'other-keys-inactive', ok: true, detail: `other keys inactive: ${OTHER_KEY}` },
      { check: 'login-profile-deleted', ok: true, detail: 'alice has no console password' },
      { check: 'user-tagged', ok: true, detail: 'pyjamas:case-id=IR-42' },
      {
        check: 'role-sessions-revoked:deployer',
        ok: true,
        detail: `sessions of deployer issued before ${TIME} are denied (pyjamas-revoke-older-sessions)`,
      },
    ]);
  });

  test.each([
    ['the key is still active', { keyStatus: 'Active' as const }, 'key-inactive'],
    ['no revocation is in place', { revocation: null }, 'older-sessions-revoked'],
    [
      'the revocation in place is not the one the run wrote',
      { revocation: '2026-01-01T00:00:00Z' },
      'older-sessions-revoked',
    ],
    ['the console password is still there', { loginProfile: true }, 'login-profile-deleted'],
  ])('fails when %s', async (_, overrides, check) => {
    contained(overrides);
    const results = await verifyRevocation(aws, description, plan, options, {
      outcome: 'failed',
      steps: [],
    });
    expect(results.filter((result) => !result.ok).map((result) => result.check)).toEqual([check]);
  });

  test('reads again after a pause while IAM catches up, and stops once everything holds', async () => {
    contained({ keyStatus: 'Active' });
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      contained();
    };
    const results = await verifyRevocation(aws, description, plan, options, succeeded, {
      sleep,
      retryDelayMs: 10,
    });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(sleeps).toEqual([10]);
  });

  test('gives up after the last attempt', async () => {
    contained({ keyStatus: 'Active' });
    const sleep = jest.fn(async () => undefined);
    const results = await verifyRevocation(aws, description, plan, options, succeeded, {
      sleep,
      attempts: 2,
    });
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(results.find((result) => result.check === 'key-inactive')?.ok).toBe(false);
  });

  test('reports a user deleted since the plan', async () => {
    iam.on(GetUserCommand).rejects(noSuchEntity());
    iam.on(GetRoleCommand).rejects(noSuchEntity());
    const results = await verifyRevocation(aws, { ...description, roles: [] }, plan, options, {
      outcome: 'failed',
      steps: [],
    });
    expect(results).toEqual([
      { check: 'user-exists', ok: false, detail: 'IAM user alice no longer exists' },
    ]);
  });

  test('checks nothing for a key it could not contain', async () => {
    const foreign: KeyDescription = {
      ...description,
      keyAccount: '999999999999',
      owner: { kind: 'other-account' },
      roles: [],
    };
    expect(
      await verifyRevocation(aws, foreign, planRevocation(foreign, options), options, succeeded),
    ).toEqual([]);
    expect(iam.calls()).toHaveLength(0);
  });
});

describe('verifyRevocation of a role session', () => {
  const SESSION = 'AROAWEBROLE000000001:i-0a1b2c3d4e5f60789';
  const POLICY = 'pyjamas-deny-session-i-0a1b2c3d4e5f60789';
  const ofSession: KeyDescription = {
    ...description,
    accessKeyId: 'ASIAQWERTYUIOP123456',
    temporary: true,
    owner: {
      kind: 'session',
      principal: { type: 'role', roleName: 'web', sessionUserId: SESSION, source: 'guardduty' },
      firstSeen: '2026-05-30T10:02:41Z',
    },
    roles: [
      {
        roleName: 'web',
        reasons: ['session-of-key'],
        exists: true,
        roleId: 'AROAWEBROLE000000001',
        serviceLinked: false,
        inlinePolicies: [],
      },
    ],
  };
  const sessionPlan = planRevocation(ofSession, options);

  function roleHolds(document: string | null): void {
    iam.onAnyCommand().resolves({});
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'web',
        Path: '/',
        Arn: 'arn:aws:iam::123456789012:role/web',
        RoleId: 'AROAWEBROLE000000001',
        CreateDate: new Date(),
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: document ? [POLICY] : [] });
    if (document)
      iam.on(GetRolePolicyCommand).resolves({ PolicyDocument: encodeURIComponent(document) });
  }

  test('confirms the deny names the session and reaches the time of the plan', async () => {
    roleHolds(sessionDenyDocument(SESSION, sessionPlan.roleRevocationTime));
    expect(await verifyRevocation(aws, ofSession, sessionPlan, options, succeeded)).toEqual([
      {
        check: 'session-denied:web',
        ok: true,
        detail: `${POLICY} denies ${SESSION} credentials issued before 2026-06-01T12:00:00Z`,
      },
    ]);
  });

  test.each([
    ['the deny is gone', null],
    [
      'the deny names another session',
      sessionDenyDocument('AROAWEBROLE000000001:someone-else', '2026-06-01T12:00:00Z'),
    ],
    ['the deny stops short of the plan', sessionDenyDocument(SESSION, '2026-05-01T00:00:00Z')],
  ])('fails when %s', async (_name, document) => {
    roleHolds(document);
    const results = await verifyRevocation(aws, ofSession, sessionPlan, options, succeeded, {
      attempts: 1,
    });
    expect(results.map((result) => [result.check, result.ok])).toEqual([
      ['session-denied:web', false],
    ]);
  });
});

describe('verifyRevocation of a GetSessionToken session', () => {
  const ofSession: KeyDescription = {
    ...description,
    accessKeyId: 'ASIAQWERTYUIOP123456',
    temporary: true,
    owner: {
      kind: 'session',
      principal: {
        type: 'user',
        userName: 'alice',
        user: before,
        via: 'GetSessionToken',
        source: 'guardduty',
        mintedBy: {
          found: true,
          accessKeyId: KEY,
          eventTime: '2026-06-01T08:00:00Z',
          region: 'us-east-1',
        },
      },
    },
    roles: [],
  };
  const noExtras = { ...options, deactivateOtherKeys: false, deleteLoginProfile: false };
  const sessionPlan = planRevocation(ofSession, noExtras);

  test.each([
    ['inactive', 'Inactive' as const, true],
    ['still active', 'Active' as const, false],
  ])('checks that the key that minted the session is inactive (%s)', async (_name, status, ok) => {
    contained({ keyStatus: status });
    const results = await verifyRevocation(aws, ofSession, sessionPlan, noExtras, succeeded, {
      attempts: 1,
    });
    expect(results.find((result) => result.check === 'minting-key-inactive')).toEqual({
      check: 'minting-key-inactive',
      ok,
      detail: `${KEY}, which minted ASIAQWERTYUIOP123456, is ${status}`,
    });
  });
});
