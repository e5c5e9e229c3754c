import type { KeyDescription, KeyOwner, RoleState, UserState } from './description';
import { planRevocation, type RevocationPlan, type RevokeOptions } from './plan';

/** When the fixtures were read, and the revocation time a plan then sets. */
export const NOW = new Date('2026-06-01T12:00:00.000Z');
export const TIME = '2026-06-01T12:05:00Z';
/** The key responded to, the owner's other key, and the account. */
export const KEY = 'AKIAIOSFODNN7EXAMPLE';
export const OTHER_KEY = 'AKIAOTHERKEY00000001';
export const ACCOUNT = '123456789012';

/** An IAM user owning the key and one other active key. */
export function user(overrides: Partial<UserState> = {}): UserState {
  return {
    userName: 'alice',
    userId: 'AIDAALICE',
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    tags: {},
    accessKeys: [
      { accessKeyId: KEY, status: 'Active' },
      { accessKeyId: OTHER_KEY, status: 'Active' },
    ],
    inlinePolicies: [{ name: 'read-reports', document: '{}', size: 120 }],
    attachedPolicies: [],
    groups: [],
    loginProfile: null,
    mfaDevices: [],
    managedRevocation: null,
    ...overrides,
  };
}

/** The key as a key of `owner`. */
export function keyOf(
  owner: UserState,
  status = 'Active',
  lastUsed: string | null = '2026-05-31T08:00:00.000Z',
): KeyOwner {
  return {
    kind: 'user',
    user: owner,
    key: { accessKeyId: KEY, status },
    lastUsed: { date: lastUsed },
  };
}

/** The key's description as read before the response. */
export function description(overrides: Partial<KeyDescription> = {}): KeyDescription {
  return {
    accessKeyId: KEY,
    temporary: false,
    readAt: NOW.toISOString(),
    homeRegion: 'eu-west-1',
    iamRegion: 'us-east-1',
    partition: 'aws',
    callerAccount: ACCOUNT,
    actorArn: `arn:aws:sts::${ACCOUNT}:assumed-role/responder/ir`,
    keyAccount: ACCOUNT,
    owner: keyOf(user()),
    roles: [],
    cloudTrailRegions: ['eu-west-1', 'us-east-1'],
    lookbackDays: 90,
    ...overrides,
  };
}

/** A role named for revocation. */
export function role(overrides: Partial<RoleState> = {}): RoleState {
  return {
    roleName: 'deployer',
    reasons: ['named'],
    exists: true,
    arn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
    serviceLinked: false,
    inlinePolicies: [],
    ...overrides,
  };
}

/** Revocation options, every opt-in off. */
export function options(overrides: Partial<RevokeOptions> = {}): RevokeOptions {
  return {
    caseId: 'IR-42',
    now: NOW,
    deactivateOtherKeys: false,
    deleteLoginProfile: false,
    revokeAgain: false,
    ...overrides,
  };
}

/**
 * Plans that together use every action a revocation can: every option on, a full inline quota
 * (managed policy with a full version list), and a plain key.
 */
export function plansWithEveryOption(): RevocationPlan[] {
  const owner = user({
    loginProfile: {},
    inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }],
  });
  return [
    planRevocation(
      description({ owner: keyOf(owner), roles: [role()] }),
      options({ deactivateOtherKeys: true, deleteLoginProfile: true }),
    ),
    planRevocation(
      description({
        owner: keyOf(
          user({
            inlinePolicies: [{ name: 'big', document: '{}', size: 1900 }],
            managedRevocation: {
              arn: 'arn',
              defaultVersionId: 'v1',
              versionIds: ['v1', 'v2', 'v3', 'v4', 'v5'],
              document: '{}',
              attached: false,
            },
          }),
        ),
      }),
      options({ revokeAgain: true }),
    ),
    planRevocation(description(), options()),
  ];
}
