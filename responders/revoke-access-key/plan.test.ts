import type { MintingKeyLookup } from './cloudtrail';
import type { KeyDescription, KeyOwner, RoleState } from './description';
import { REVOKE_ACCESS_KEY_ACTIONS, REVOKE_ACCESS_KEY_WRITE_ACTIONS } from './permissions';
import { planRevocation, type RevocationPlan } from './plan';
import { revocationDocument, sessionDenyDocument } from './policy';
import {
  ACCOUNT,
  KEY,
  OTHER_KEY,
  ROLE_TIME,
  TIME,
  description,
  keyOf,
  options,
  plansWithEveryOption,
  role,
  user,
} from '../../test/fixtures/revocation-plans';

const changes = (plan: RevocationPlan) =>
  plan.steps.filter((step) => step.onFailure !== 'continue');
const changeIds = (plan: RevocationPlan) => changes(plan).map((step) => step.id);
const notes = (plan: RevocationPlan) => plan.notes.join('\n');

describe('planRevocation of a long-term key of an IAM user', () => {
  test('deactivates the key first, then denies older sessions, tags the user, and collects evidence last', () => {
    const plan = planRevocation(description(), options());
    expect(plan.steps.map((step) => step.id)).toEqual([
      'deactivate-access-key-akiaiosfodnn7example',
      'revoke-older-sessions-user-alice',
      'tag-user-alice',
      'collect-cloudtrail-events-eu-west-1',
      'collect-cloudtrail-events-us-east-1',
    ]);
    expect(plan.containment.contained).toBe(true);
    expect(plan.revocationTime).toBe(TIME);
  });

  test('sends exact inputs: Inactive (never a delete), the TokenIssueTime deny inline, the case tags', () => {
    const [deactivate, revoke, tag] = planRevocation(description(), options()).steps;
    expect(deactivate).toMatchObject({
      action: 'iam:UpdateAccessKey',
      region: 'us-east-1',
      input: { UserName: 'alice', AccessKeyId: KEY, Status: 'Inactive' },
    });
    expect(revoke).toMatchObject({
      action: 'iam:PutUserPolicy',
      input: {
        UserName: 'alice',
        PolicyName: 'pyjamas-revoke-older-sessions',
        PolicyDocument: revocationDocument(TIME),
      },
    });
    expect(tag?.input).toEqual({
      UserName: 'alice',
      Tags: [
        { Key: 'pyjamas:case-id', Value: 'IR-42' },
        { Key: 'pyjamas:status', Value: 'key-revoked' },
      ],
    });
  });

  test('looks CloudTrail up for the key in every region over the lookback window, as evidence that may fail', () => {
    const evidence = planRevocation(description({ lookbackDays: 30 }), options()).steps.filter(
      (step) => step.action === 'cloudtrail:LookupEvents',
    );
    expect(evidence.map((step) => [step.region, step.onFailure])).toEqual([
      ['eu-west-1', 'continue'],
      ['us-east-1', 'continue'],
    ]);
    expect(evidence[0]?.input).toEqual({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }],
      StartTime: '2026-05-02T12:00:00.000Z',
      MaxResults: 50,
    });
  });

  test('leaves the other key alone unless asked, and says so', () => {
    const plan = planRevocation(description(), options());
    expect(changeIds(plan)).not.toContain('deactivate-access-key-akiaotherkey00000001');
    expect(notes(plan)).toContain(`other active keys, left as they are: ${OTHER_KEY}`);
  });

  test('deactivates each other active key by its id when asked, and no inactive one', () => {
    const owner = user({
      accessKeys: [
        { accessKeyId: KEY, status: 'Active' },
        { accessKeyId: OTHER_KEY, status: 'Active' },
        { accessKeyId: 'AKIAOLDKEY0000000003', status: 'Inactive' },
      ],
    });
    const plan = planRevocation(
      description({ owner: keyOf(owner) }),
      options({ deactivateOtherKeys: true }),
    );
    const others = changes(plan).filter(
      (step) => step.action === 'iam:UpdateAccessKey' && step.input.AccessKeyId !== KEY,
    );
    expect(others.map((step) => step.input)).toEqual([
      { UserName: 'alice', AccessKeyId: OTHER_KEY, Status: 'Inactive' },
    ]);
  });

  test('deletes the console password only when asked and only when there is one', () => {
    const withPassword = description({
      owner: keyOf(user({ loginProfile: { createDate: '2025-01-01T00:00:00.000Z' } })),
    });
    expect(changeIds(planRevocation(withPassword, options()))).not.toContain(
      'delete-login-profile-alice',
    );
    expect(notes(planRevocation(withPassword, options()))).toContain(
      '--delete-login-profile deletes it',
    );
    expect(
      changeIds(planRevocation(withPassword, options({ deleteLoginProfile: true }))),
    ).toContain('delete-login-profile-alice');
    const none = planRevocation(description(), options({ deleteLoginProfile: true }));
    expect(changeIds(none)).not.toContain('delete-login-profile-alice');
    expect(notes(none)).toContain('has no console password to delete');
  });

  test('orders the opt-in steps after the revocation and before the roles and the tags', () => {
    const owner = user({ loginProfile: {} });
    const plan = planRevocation(
      description({ owner: keyOf(owner), roles: [role()] }),
      options({ deactivateOtherKeys: true, deleteLoginProfile: true }),
    );
    expect(changeIds(plan)).toEqual([
      'deactivate-access-key-akiaiosfodnn7example',
      'revoke-older-sessions-user-alice',
      'deactivate-access-key-akiaotherkey00000001',
      'delete-login-profile-alice',
      'revoke-older-sessions-role-deployer',
      'tag-user-alice',
    ]);
  });

  test('falls back to a managed policy when the inline policies would exceed 2,048 characters', () => {
    const owner = user({ inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }] });
    const plan = planRevocation(description({ owner: keyOf(owner) }), options());
    const arn = `arn:aws:iam::${ACCOUNT}:policy/pyjamas/pyjamas-revoke-older-sessions-alice`;
    expect(changes(plan).map((step) => [step.action, step.input])).toEqual([
      ['iam:UpdateAccessKey', expect.anything()],
      [
        'iam:CreatePolicy',
        {
          PolicyName: 'pyjamas-revoke-older-sessions-alice',
          Path: '/pyjamas/',
          PolicyDocument: revocationDocument(TIME),
          Description: `Pyjamas: revokes sessions of IAM user alice issued before ${TIME}`,
        },
      ],
      ['iam:AttachUserPolicy', { UserName: 'alice', PolicyArn: arn }],
      ['iam:TagUser', expect.anything()],
    ]);
    expect(notes(plan)).toContain('take 1900 of IAM');
  });

  test('stays inline when exactly at the limit', () => {
    const owner = user({
      inlinePolicies: [
        { name: 'big', document: '{}', size: 2048 - revocationDocument(TIME).length },
      ],
    });
    expect(
      changes(planRevocation(description({ owner: keyOf(owner) }), options())).map(
        (step) => step.action,
      ),
    ).toContain('iam:PutUserPolicy');
  });

  test('attaches a managed revocation left unattached by an interrupted run, without a new version', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/pyjamas/pyjamas-revoke-older-sessions-alice`;
    const owner = user({
      inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }],
      managedRevocation: {
        arn,
        defaultVersionId: 'v1',
        versionIds: ['v1'],
        document: revocationDocument('2026-06-01T11:00:00Z'),
        attached: false,
      },
    });
    const plan = planRevocation(description({ owner: keyOf(owner, 'Inactive') }), options());
    expect(changes(plan).map((step) => step.action)).toEqual([
      'iam:AttachUserPolicy',
      'iam:TagUser',
    ]);
  });

  test('with --revoke-again on a full managed policy, deletes the oldest non-default version before adding one', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/pyjamas/pyjamas-revoke-older-sessions-alice`;
    const owner = user({
      inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }],
      managedRevocation: {
        arn,
        defaultVersionId: 'v1',
        versionIds: ['v1', 'v2', 'v3', 'v4', 'v5'],
        document: revocationDocument('2026-06-01T11:00:00Z'),
        attached: true,
      },
      tags: { 'pyjamas:case-id': 'IR-42', 'pyjamas:status': 'key-revoked' },
    });
    const plan = planRevocation(
      description({ owner: keyOf(owner, 'Inactive') }),
      options({ revokeAgain: true }),
    );
    expect(changes(plan).map((step) => [step.action, step.input])).toEqual([
      ['iam:DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v2' }],
      [
        'iam:CreatePolicyVersion',
        { PolicyArn: arn, PolicyDocument: revocationDocument(TIME), SetAsDefault: true },
      ],
    ]);
  });

  test('notes the managed-policy quota when the user already has ten', () => {
    const attachedPolicies = Array.from({ length: 10 }, (_, index) => ({
      name: `p${index}`,
      arn: `arn:aws:iam::aws:policy/p${index}`,
    }));
    const owner = user({
      inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }],
      attachedPolicies,
    });
    expect(notes(planRevocation(description({ owner: keyOf(owner) }), options()))).toContain(
      "IAM's default quota is 10 per user",
    );
  });
});

describe('planRevocation run again (idempotency)', () => {
  const contained = user({
    accessKeys: [
      { accessKeyId: KEY, status: 'Inactive' },
      { accessKeyId: OTHER_KEY, status: 'Active' },
    ],
    inlinePolicies: [
      { name: 'read-reports', document: '{}', size: 120 },
      {
        name: 'pyjamas-revoke-older-sessions',
        document: revocationDocument('2026-05-31T08:05:00Z'),
        size: 180,
      },
    ],
    tags: { 'pyjamas:case-id': 'IR-42', 'pyjamas:status': 'key-revoked' },
  });

  test('plans no change on a contained key: the revocation time stays, only evidence is collected', () => {
    const plan = planRevocation(description({ owner: keyOf(contained, 'Inactive') }), options());
    expect(changes(plan)).toEqual([]);
    expect(plan.containment.contained).toBe(true);
    expect(notes(plan)).toContain('issued before 2026-05-31T08:05:00Z are already denied');
  });

  test('keeps the revocation time of a key never used', () => {
    expect(
      changes(
        planRevocation(description({ owner: keyOf(contained, 'Inactive', null) }), options()),
      ),
    ).toEqual([]);
  });

  test('moves a revocation the key was used after, and says why', () => {
    const plan = planRevocation(
      description({ owner: keyOf(contained, 'Inactive', '2026-05-31T09:00:00.000Z') }),
      options(),
    );
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutUserPolicy']);
    expect(notes(plan)).toContain("older than the key's last use");
  });

  test('moves the revocation to now with --revoke-again', () => {
    const plan = planRevocation(
      description({ owner: keyOf(contained, 'Inactive') }),
      options({ revokeAgain: true }),
    );
    expect(changes(plan).map((step) => step.input.PolicyDocument)).toEqual([
      revocationDocument(TIME),
    ]);
  });

  test('counts a managed revocation only when it is attached', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/pyjamas/pyjamas-revoke-older-sessions-alice`;
    const managed = {
      arn,
      defaultVersionId: 'v1',
      versionIds: ['v1'],
      document: revocationDocument('2026-05-31T08:05:00Z'),
    };
    const attached = user({
      ...contained,
      inlinePolicies: [],
      managedRevocation: { ...managed, attached: true },
    });
    expect(
      changes(planRevocation(description({ owner: keyOf(attached, 'Inactive') }), options())),
    ).toEqual([]);
  });

  test('retags a user tagged for another case and says so', () => {
    const other = user({
      ...contained,
      tags: { 'pyjamas:case-id': 'IR-1', 'pyjamas:status': 'key-revoked' },
    });
    const plan = planRevocation(description({ owner: keyOf(other, 'Inactive') }), options());
    expect(changes(plan).map((step) => step.input)).toEqual([
      { UserName: 'alice', Tags: [{ Key: 'pyjamas:case-id', Value: 'IR-42' }] },
    ]);
    expect(notes(plan)).toContain('was tagged for case IR-1');
  });

  test('leaves the tags out when the user has no room for them', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`t${index}`, 'x']));
    const plan = planRevocation(description({ owner: keyOf(user({ tags })) }), options());
    expect(changes(plan).map((step) => step.action)).not.toContain('iam:TagUser');
    expect(notes(plan)).toContain("IAM's limit is 50");
  });
});

describe('planRevocation keeps what AWS and the operator put there', () => {
  test("tolerates AWS's quarantine policy: mentions it, never detaches anything", () => {
    const owner = user({
      attachedPolicies: [
        {
          name: 'AWSCompromisedKeyQuarantineV2',
          arn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2',
        },
      ],
    });
    const plan = planRevocation(
      description({ owner: keyOf(owner) }),
      options({ deactivateOtherKeys: true, deleteLoginProfile: true, revokeAgain: true }),
    );
    expect(notes(plan)).toContain('AWS attached AWSCompromisedKeyQuarantineV2 to alice');
    expect(plan.steps.filter((step) => /Detach|Delete(User|AccessKey)/.test(step.action))).toEqual(
      [],
    );
  });

  test('asks the operator to check MFA devices', () => {
    const owner = user({ mfaDevices: [{ serialNumber: 'arn:aws:iam::123456789012:mfa/alice' }] });
    expect(notes(planRevocation(description({ owner: keyOf(owner) }), options()))).toContain(
      'check that the attacker registered none',
    );
  });

  test('warns when the run acts as the user it contains', () => {
    const plan = planRevocation(
      description({ actorArn: `arn:aws:iam::${ACCOUNT}:user/alice` }),
      options(),
    );
    expect(notes(plan)).toContain('This run acts as alice');
  });
});

describe('planRevocation of keys it cannot contain from here', () => {
  test('changes nothing for a key of another account and says where to run', () => {
    const plan = planRevocation(
      description({ keyAccount: '999999999999', owner: { kind: 'other-account' } }),
      options(),
    );
    expect(changes(plan)).toEqual([]);
    expect(plan.containment).toEqual({
      contained: false,
      summary: 'the key belongs to account 999999999999; contain it there',
    });
    expect(notes(plan)).toContain(
      `Run \`pyjamas revoke-access-key ${KEY} --case IR-42\` with credentials of account 999999999999`,
    );
    expect(plan.target.arn).toBe('arn:aws:iam::999999999999:root');
  });

  test('changes nothing for a root key and lists the steps a person must take', () => {
    const plan = planRevocation(description({ owner: { kind: 'root' } }), options());
    expect(changes(plan)).toEqual([]);
    expect(plan.containment.contained).toBe(false);
    expect(notes(plan)).toMatch(/1\. sign in as the root user.*sts:AssumeRoot/);
    expect(notes(plan)).toMatch(/2\. deactivate AKIAIOSFODNN7EXAMPLE/);
    expect(notes(plan)).toMatch(/SCP/);
    expect(plan.steps.length).toBe(2);
  });

  test('changes nothing for a deleted key and explains the sessions it may have left', () => {
    const plan = planRevocation(description({ owner: { kind: 'no-owner' } }), options());
    expect(changes(plan)).toEqual([]);
    expect(notes(plan)).toContain('the key was deleted');
  });
});

describe('planRevocation of a temporary (ASIA) key', () => {
  const asia = 'ASIAIOSFODNN7EXAMPLE';
  const session = (
    principal: Extract<KeyOwner, { kind: 'session' }>['principal'],
    firstSeen?: string,
  ): Partial<KeyDescription> => ({
    accessKeyId: asia,
    temporary: true,
    owner: { kind: 'session', principal, ...(firstSeen ? { firstSeen } : {}) },
  });

  const SESSION = 'AROAWEBROLE000000001:i-0a1b2c3d4e5f60789';
  const webRole = (overrides: Partial<RoleState> = {}) =>
    role({
      roleName: 'web',
      reasons: ['session-of-key'],
      roleId: 'AROAWEBROLE000000001',
      arn: `arn:aws:iam::${ACCOUNT}:role/web`,
      ...overrides,
    });

  test('of a role: denies exactly that session, as of planning with no margin, and no other session of the role', () => {
    const plan = planRevocation(
      description({
        ...session(
          { type: 'role', roleName: 'web', sessionUserId: SESSION, source: 'guardduty' },
          '2026-05-30T10:02:41Z',
        ),
        roles: [webRole()],
      }),
      options(),
    );
    expect(changes(plan).map((step) => [step.id, step.action, step.input])).toEqual([
      [
        'deny-session-web-i-0a1b2c3d4e5f60789',
        'iam:PutRolePolicy',
        {
          RoleName: 'web',
          PolicyName: 'pyjamas-deny-session-i-0a1b2c3d4e5f60789',
          PolicyDocument: sessionDenyDocument(SESSION, ROLE_TIME),
        },
      ],
    ]);
    expect(JSON.parse(sessionDenyDocument(SESSION, ROLE_TIME))).toMatchObject({
      Statement: [
        {
          Effect: 'Deny',
          Action: '*',
          Condition: {
            StringEquals: { 'aws:userid': SESSION },
            DateLessThan: { 'aws:TokenIssueTime': '2026-06-01T12:00:00Z' },
          },
        },
      ],
    });
    expect(plan.roleRevocationTime).toBe(ROLE_TIME);
    expect(plan.containment).toEqual({
      contained: true,
      summary: `the session ${SESSION} of role web is denied; the role's other sessions keep working`,
    });
    expect(notes(plan)).not.toContain('those of healthy workloads (instances');
  });

  test('of a role whose session is already denied from before the key was seen: changes nothing', () => {
    const plan = planRevocation(
      description({
        ...session(
          { type: 'role', roleName: 'web', sessionUserId: SESSION, source: 'cloudtrail' },
          '2026-05-30T10:02:41Z',
        ),
        roles: [
          webRole({
            inlinePolicies: [
              {
                name: 'pyjamas-deny-session-i-0a1b2c3d4e5f60789',
                document: sessionDenyDocument(SESSION, '2026-05-31T00:00:00Z'),
                size: 200,
              },
            ],
          }),
        ],
      }),
      options(),
    );
    expect(changes(plan)).toEqual([]);
    expect(plan.containment.contained).toBe(true);
    expect(notes(plan)).toContain(`The session ${SESSION} is already denied`);
  });

  test.each([
    [
      'no session was named',
      { type: 'role' as const, roleName: 'web', source: 'guardduty' as const },
      [webRole()],
      'the session of role web is unknown; revoking it needs --revoke-role web',
    ],
    [
      'the session is of an earlier role of that name',
      {
        type: 'role' as const,
        roleName: 'web',
        sessionUserId: 'AROAOLDROLE000000001:i-0a1b2c3d4e5f60789',
        source: 'guardduty' as const,
      },
      [webRole()],
      'the session belongs to a deleted role web; nothing here can deny it',
    ],
    [
      'the role does not exist',
      {
        type: 'role' as const,
        roleName: 'web',
        sessionUserId: SESSION,
        source: 'guardduty' as const,
      },
      [webRole({ exists: false })],
      'role web does not exist; nothing to deny',
    ],
  ])(
    'of a role when %s: changes nothing and says the key is not contained',
    (_name, principal, roles, summary) => {
      const plan = planRevocation(description({ ...session(principal), roles }), options());
      expect(changes(plan)).toEqual([]);
      expect(plan.containment).toEqual({ contained: false, summary });
    },
  );

  test("of a role opted in: denies the role's older sessions, with a warning about collateral", () => {
    const plan = planRevocation(
      description({
        ...session({ type: 'role', roleName: 'web', source: 'cloudtrail' }),
        roles: [role({ roleName: 'web', reasons: ['issuer-of-session'] })],
      }),
      options(),
    );
    expect(changes(plan).map((step) => [step.action, step.input])).toEqual([
      [
        'iam:PutRolePolicy',
        {
          RoleName: 'web',
          PolicyName: 'pyjamas-revoke-older-sessions',
          // No margin: a role's healthy sessions refresh within minutes.
          PolicyDocument: revocationDocument(ROLE_TIME),
        },
      ],
    ]);
    expect(plan.containment.contained).toBe(true);
    expect(notes(plan)).toContain('those of healthy workloads');
  });

  const minted = (mintedBy?: MintingKeyLookup, owner = user()) =>
    session({
      type: 'user',
      userName: 'alice',
      user: owner,
      via: 'GetSessionToken',
      source: 'cloudtrail',
      ...(mintedBy ? { mintedBy } : {}),
    });
  const byKey: MintingKeyLookup = {
    found: true,
    accessKeyId: KEY,
    eventTime: '2026-05-31T09:00:00Z',
    region: 'us-east-1',
  };

  test("of a user's GetSessionToken session: deactivates the key that minted it first, then denies the user's older sessions and tags the user", () => {
    const plan = planRevocation(description(minted(byKey)), options());
    expect(changes(plan).map((step) => [step.action, step.input.AccessKeyId])).toEqual([
      ['iam:UpdateAccessKey', KEY],
      ['iam:PutUserPolicy', undefined],
      ['iam:TagUser', undefined],
    ]);
    expect(changes(plan)[2]?.input.Tags).toContainEqual({
      Key: 'pyjamas:status',
      Value: 'sessions-revoked',
    });
    expect(plan.containment.contained).toBe(true);
    expect(notes(plan)).toContain(
      `${KEY} minted ${asia} (CloudTrail, 2026-05-31T09:00:00Z in us-east-1)`,
    );
    // The other key did not mint the session: it is only named.
    expect(notes(plan)).toContain(`other active keys, left as they are: ${OTHER_KEY}`);
  });

  test('of a GetSessionToken session with --keep-minting-key: leaves the key active and says the session is not contained', () => {
    const plan = planRevocation(description(minted(byKey)), options({ keepMintingKey: true }));
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutUserPolicy', 'iam:TagUser']);
    expect(plan.containment).toEqual({
      contained: false,
      summary: `${KEY}, which minted the session, stays active and can mint another`,
    });
  });

  test('of a GetSessionToken session whose minting key is already inactive: is contained without deactivating it', () => {
    const owner = user({
      accessKeys: [
        { accessKeyId: KEY, status: 'Inactive' },
        { accessKeyId: OTHER_KEY, status: 'Active' },
      ],
    });
    const plan = planRevocation(description(minted(byKey, owner)), options());
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutUserPolicy', 'iam:TagUser']);
    expect(plan.containment.contained).toBe(true);
  });

  test('of a GetSessionToken session whose minting key CloudTrail cannot name: is not contained while the user has active keys', () => {
    const plan = planRevocation(
      description(minted({ found: false, reason: 'CloudTrail shows no GetSessionToken call' })),
      options(),
    );
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutUserPolicy', 'iam:TagUser']);
    expect(plan.containment).toEqual({
      contained: false,
      summary:
        'the key that minted the session is unknown and alice has active keys that can mint another (--deactivate-other-keys)',
    });
    expect(notes(plan)).toContain('CloudTrail shows no GetSessionToken call');
  });

  test('of a GetSessionToken session whose minting key is unknown, with --deactivate-other-keys: deactivates every key and is contained', () => {
    const plan = planRevocation(
      description(minted({ found: false, reason: 'LookupEvents failed' })),
      options({ deactivateOtherKeys: true }),
    );
    expect(
      changes(plan)
        .filter((step) => step.action === 'iam:UpdateAccessKey')
        .map((step) => step.input.AccessKeyId),
    ).toEqual([KEY, OTHER_KEY]);
    expect(plan.containment.contained).toBe(true);
  });

  test("of a user's session with --deactivate-other-keys: deactivates every active key of the user", () => {
    const plan = planRevocation(
      description(
        session({
          type: 'user',
          userName: 'alice',
          user: user(),
          via: 'GetSessionToken',
          source: 'cloudtrail',
        }),
      ),
      options({ deactivateOtherKeys: true }),
    );
    expect(
      changes(plan)
        .filter((step) => step.action === 'iam:UpdateAccessKey')
        .map((step) => step.input.AccessKeyId),
    ).toEqual([KEY, OTHER_KEY]);
  });

  test('keeps a user revocation in place when nobody can tell when the session was issued', () => {
    const owner = user({
      inlinePolicies: [
        {
          name: 'pyjamas-revoke-older-sessions',
          document: revocationDocument('2026-05-01T00:00:00Z'),
          size: 180,
        },
      ],
    });
    const plan = planRevocation(
      description(
        session({
          type: 'user',
          userName: 'alice',
          user: owner,
          via: 'GetSessionToken',
          source: 'guardduty',
        }),
      ),
      options(),
    );
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:TagUser']);
    expect(notes(plan)).toContain('whether the key was used later is unknown');
  });

  test('moves a user revocation that predates the first event of the session', () => {
    const owner = user({
      inlinePolicies: [
        {
          name: 'pyjamas-revoke-older-sessions',
          document: revocationDocument('2026-05-01T00:00:00Z'),
          size: 180,
        },
      ],
    });
    const plan = planRevocation(
      description(
        session(
          {
            type: 'user',
            userName: 'alice',
            user: owner,
            via: 'GetSessionToken',
            source: 'cloudtrail',
          },
          '2026-05-20T00:00:00Z',
        ),
      ),
      options(),
    );
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutUserPolicy', 'iam:TagUser']);
  });

  test.each([
    [
      'a user that no longer exists',
      {
        type: 'user',
        userName: 'gone',
        user: null,
        via: 'GetSessionToken',
        source: 'cloudtrail',
      } as const,
      'does not exist',
    ],
    [
      'the root user',
      { type: 'root', source: 'cloudtrail' } as const,
      '2. deactivate the root access key that minted it',
    ],
    [
      'nobody known',
      {
        type: 'unresolved',
        reason: 'CloudTrail LookupEvents failed in every region searched',
      } as const,
      'could not be found: CloudTrail LookupEvents failed',
    ],
  ])('of %s: changes nothing and says what a person must do', (_, principal, note) => {
    const plan = planRevocation(description(session(principal)), options());
    expect(changes(plan)).toEqual([]);
    expect(plan.containment.contained).toBe(false);
    expect(notes(plan)).toContain(note);
  });
});

describe('planRevocation of roles', () => {
  test.each([
    ['a role that does not exist', role({ exists: false }), 'does not exist'],
    ['a service-linked role', role({ serviceLinked: true }), 'service-linked'],
    [
      'a role whose inline policies are full',
      role({ inlinePolicies: [{ name: 'big', document: '{}', size: 10_200 }] }),
      'revoke its sessions by hand',
    ],
  ])('skips %s with a note', (_, state, note) => {
    const plan = planRevocation(description({ roles: [state] }), options());
    expect(changes(plan).map((step) => step.action)).not.toContain('iam:PutRolePolicy');
    expect(notes(plan)).toContain(note);
  });

  test("keeps the IAM console's revocation when it covers the key's last use", () => {
    const state = role({
      inlinePolicies: [
        {
          name: 'AWSRevokeOlderSessions',
          document: revocationDocument('2026-05-31T09:00:00Z'),
          size: 180,
        },
      ],
    });
    const plan = planRevocation(description({ roles: [state] }), options());
    expect(changes(plan).map((step) => step.action)).not.toContain('iam:PutRolePolicy');
    expect(notes(plan)).toContain('inline policy AWSRevokeOlderSessions');
  });

  test("bounds a foreign key's sessions by its last AssumeRole of the role", () => {
    const state = role({
      inlinePolicies: [
        {
          name: 'pyjamas-revoke-older-sessions',
          document: revocationDocument('2026-05-10T00:00:00Z'),
          size: 180,
        },
      ],
    });
    const sessions = [
      {
        eventName: 'AssumeRole',
        eventTime: '2026-05-20T00:00:00Z',
        region: 'us-east-1',
        roleArn: state.arn as string,
      },
    ];
    const lookup = {
      regions: [{ region: 'us-east-1', ok: true, events: 1, truncated: false }],
      sessions,
    };
    const plan = planRevocation(
      description({
        keyAccount: '999999999999',
        owner: { kind: 'other-account' },
        roles: [state],
        assumedRoleLookup: lookup,
      }),
      options(),
    );
    expect(changes(plan).map((step) => step.action)).toEqual(['iam:PutRolePolicy']);
  });

  test('reports roles of other accounts, failed lookups, and a clean lookup that found none', () => {
    const failed = { region: 'eu-west-1', ok: false, error: 'AccessDeniedException: no' };
    const foreign = {
      eventName: 'AssumeRole',
      eventTime: '2026-05-20T00:00:00Z',
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::999999999999:role/x',
    };
    const partial = planRevocation(
      description({
        assumedRoleLookup: {
          regions: [{ region: 'us-east-1', ok: true }, failed],
          sessions: [foreign],
        },
      }),
      options(),
    );
    expect(notes(partial)).toContain(
      'could not be looked for in 1 of 2 regions (eu-west-1: AccessDeniedException: no)',
    );
    expect(notes(partial)).toContain(
      'arn:aws:iam::999999999999:role/x on 2026-05-20T00:00:00Z, a role of another account',
    );
    const clean = planRevocation(
      description({
        assumedRoleLookup: { regions: [{ region: 'us-east-1', ok: true }], sessions: [] },
      }),
      options(),
    );
    expect(notes(clean)).toContain(
      'CloudTrail shows no role assumed with the key in the last 90 days',
    );
  });

  test('says when the enabled regions could not be listed', () => {
    const plan = planRevocation(
      description({
        regionsProblem: 'ec2:DescribeRegions failed (UnauthorizedOperation: no)',
        cloudTrailRegions: ['eu-west-1'],
      }),
      options(),
    );
    expect(notes(plan)).toContain('CloudTrail is searched in eu-west-1 only');
  });
});

describe('permissions', () => {
  test('list every action of a plan with every option on', () => {
    const actions = new Set(
      plansWithEveryOption().flatMap((plan) => plan.steps.map((step) => step.action)),
    );
    expect([...actions].sort()).toEqual(
      [...REVOKE_ACCESS_KEY_WRITE_ACTIONS, 'cloudtrail:LookupEvents'].sort(),
    );
    expect(
      [...actions].filter(
        (action) => !(REVOKE_ACCESS_KEY_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });
});
