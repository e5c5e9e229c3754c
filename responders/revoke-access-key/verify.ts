import type { AwsClients } from '../../lib/aws/clients';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Execution } from '../core/execute';
import type { VerificationResult } from '../core/record';
import type { KeyDescription, UserState } from './description';
import type { RevocationPlan, RevokeOptions } from './plan';
import {
  CONSOLE_REVOCATION_POLICY_NAME,
  REVOCATION_POLICY_NAME,
  ROLE_INLINE_POLICY_LIMIT,
  SESSION_DENY_POLICY_PREFIX,
  fitsInline,
  inlineRevocationTime,
  managedRevocationPolicyArn,
  revocationTimeOf,
  sessionDenyOf,
  sessionDenyPolicyName,
} from './policy';
import { readRole, readUser } from './read';

/** How verification waits out IAM's eventual consistency. */
export interface VerifyDeps {
  /** @default 3 */
  readonly attempts?: number;
  /** @default 2000 */
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const REVOCATION_WRITES: ReadonlySet<string> = new Set([
  'iam:PutUserPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
]);

/**
 * Re-reads the user and roles and checks what the run was to leave behind: the key inactive,
 * older sessions denied, the opt-in steps done, the case tags on the user, each role's older
 * sessions denied. IAM is eventually consistent, so a check that fails is read again after a
 * pause (unless the run itself failed, when the failure is expected).
 */
export async function verifyRevocation(
  aws: AwsClients,
  description: KeyDescription,
  plan: RevocationPlan,
  options: RevokeOptions,
  execution: Execution,
  deps: VerifyDeps = {},
): Promise<VerificationResult[]> {
  const attempts = execution.outcome === 'failed' ? 1 : (deps.attempts ?? 3);
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    const results = await checkOnce(aws, description, plan, options);
    if (results.every((result) => result.ok) || attempt >= attempts) return results;
    await sleep(deps.retryDelayMs ?? 2000);
  }
}

async function checkOnce(
  aws: AwsClients,
  d: KeyDescription,
  plan: RevocationPlan,
  options: RevokeOptions,
): Promise<VerificationResult[]> {
  const before = userInQuestion(d);
  const results: VerificationResult[] = [];
  if (before) results.push(...(await checkUser(aws, d, plan, options, before)));
  results.push(...(await checkSession(aws, d, plan)));
  for (const role of d.roles) {
    if (
      role.reasons.every((reason) => reason === 'session-of-key') ||
      !role.exists ||
      role.serviceLinked ||
      !fitsInline(role.inlinePolicies, ROLE_INLINE_POLICY_LIMIT).fits
    )
      continue;
    const now = await readRole(aws, d.iamRegion, role.roleName, role.reasons);
    const found = inlineRevocationTime(now.inlinePolicies, [
      REVOCATION_POLICY_NAME,
      CONSOLE_REVOCATION_POLICY_NAME,
    ]);
    results.push({
      check: `role-sessions-revoked:${role.roleName}`,
      ok: Boolean(found),
      detail: found
        ? `sessions of ${role.roleName} issued before ${found.time} are denied (${found.name})`
        : `${role.roleName} has no revocation policy`,
    });
  }
  return results;
}

/**
 * When the plan denied the key's own role session, the role's session deny names that session's
 * `aws:userid` and denies credentials issued at least up to the plan's time (or, when the plan
 * left a deny in place, up to that deny's time).
 */
async function checkSession(
  aws: AwsClients,
  d: KeyDescription,
  plan: RevocationPlan,
): Promise<VerificationResult[]> {
  const step = plan.steps.find(
    (candidate) =>
      candidate.action === 'iam:PutRolePolicy' &&
      String(candidate.input.PolicyName).startsWith(SESSION_DENY_POLICY_PREFIX),
  );
  const principal = d.owner.kind === 'session' ? d.owner.principal : undefined;
  if (principal?.type !== 'role' || !principal.sessionUserId) return [];
  const role = d.roles.find((candidate) => candidate.roleName === principal.roleName);
  if (!role?.exists || role.reasons.some((reason) => reason !== 'session-of-key')) return [];
  const userId = principal.sessionUserId;
  const name = sessionDenyPolicyName(userId.slice(userId.indexOf(':') + 1));
  const before = role.inlinePolicies.find((policy) => policy.name === name);
  if (!step && !before) return [];
  const now = await readRole(aws, d.iamRegion, role.roleName, role.reasons);
  const found = now.inlinePolicies.find((policy) => policy.name === name);
  const deny = found ? sessionDenyOf(found.document) : undefined;
  const wanted = step ? plan.roleRevocationTime : undefined;
  const ok =
    deny?.sessionUserId === userId &&
    (wanted === undefined || Date.parse(deny.time) >= Date.parse(wanted));
  return [
    {
      check: `session-denied:${role.roleName}`,
      ok,
      detail: deny
        ? `${name} denies ${deny.sessionUserId} credentials issued before ${deny.time}`
        : `${role.roleName} has no deny of the session ${userId}`,
    },
  ];
}

/** The user whose sessions the run denies: the key's owner, or the owner of the session. */
function userInQuestion(d: KeyDescription): UserState | undefined {
  if (d.owner.kind === 'user') return d.owner.user;
  if (d.owner.kind === 'session' && d.owner.principal.type === 'user' && d.owner.principal.user)
    return d.owner.principal.user;
  return undefined;
}

async function checkUser(
  aws: AwsClients,
  d: KeyDescription,
  plan: RevocationPlan,
  options: RevokeOptions,
  before: UserState,
): Promise<VerificationResult[]> {
  const user = await readUser(
    aws,
    d.iamRegion,
    before.userName,
    managedRevocationPolicyArn(d.partition, d.callerAccount, before.userName),
  );
  if (!user)
    return [
      { check: 'user-exists', ok: false, detail: `IAM user ${before.userName} no longer exists` },
    ];
  const results: VerificationResult[] = [];

  if (d.owner.kind === 'user') {
    const key = user.accessKeys.find((candidate) => candidate.accessKeyId === d.accessKeyId);
    results.push({
      check: 'key-inactive',
      ok: !key || key.status === 'Inactive',
      detail: key ? `${d.accessKeyId} is ${key.status}` : `${d.accessKeyId} no longer exists`,
    });
  }

  const mintedBy =
    d.owner.kind === 'session' && d.owner.principal.type === 'user'
      ? d.owner.principal.mintedBy
      : undefined;
  if (mintedBy?.found && !options.keepMintingKey) {
    const key = user.accessKeys.find((candidate) => candidate.accessKeyId === mintedBy.accessKeyId);
    results.push({
      check: 'minting-key-inactive',
      ok: !key || key.status === 'Inactive',
      detail: key
        ? `${mintedBy.accessKeyId}, which minted ${d.accessKeyId}, is ${key.status}`
        : `${mintedBy.accessKeyId}, which minted ${d.accessKeyId}, no longer exists`,
    });
  }

  const inline = inlineRevocationTime(user.inlinePolicies, [REVOCATION_POLICY_NAME]);
  const managedTime = user.managedRevocation?.attached
    ? revocationTimeOf(user.managedRevocation.document)
    : undefined;
  const inPlace = [inline?.time, managedTime]
    .filter((time): time is string => Boolean(time))
    .sort()
    .pop();
  const wroteNew = plan.steps.some((step) => REVOCATION_WRITES.has(step.action));
  results.push({
    check: 'older-sessions-revoked',
    ok: Boolean(inPlace) && (!wroteNew || inPlace === plan.revocationTime),
    detail: inPlace
      ? `sessions of ${user.userName} issued before ${inPlace} are denied`
      : `${user.userName} has no revocation policy in place`,
  });

  if (options.deactivateOtherKeys) {
    const wanted = before.accessKeys
      .filter((key) => key.accessKeyId !== d.accessKeyId && key.status === 'Active')
      .map((key) => key.accessKeyId);
    const stillActive = user.accessKeys
      .filter((key) => wanted.includes(key.accessKeyId) && key.status === 'Active')
      .map((key) => key.accessKeyId);
    results.push({
      check: 'other-keys-inactive',
      ok: stillActive.length === 0,
      detail:
        stillActive.length === 0
          ? `other keys inactive: ${wanted.join(', ') || 'none were active'}`
          : `still active: ${stillActive.join(', ')}`,
    });
  }
  if (options.deleteLoginProfile) {
    results.push({
      check: 'login-profile-deleted',
      ok: user.loginProfile === null,
      detail:
        user.loginProfile === null
          ? `${user.userName} has no console password`
          : `${user.userName} can still sign in to the console`,
    });
  }
  const tagged = user.tags[RESPONSE_TAGS.caseId] === options.caseId;
  if (tagged || plan.steps.some((step) => step.action === 'iam:TagUser')) {
    results.push({
      check: 'user-tagged',
      ok: tagged,
      detail: `${RESPONSE_TAGS.caseId}=${user.tags[RESPONSE_TAGS.caseId] ?? '(none)'}`,
    });
  }
  return results;
}
