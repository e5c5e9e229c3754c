import { isRecord } from '../../lib/is-record';

/**
 * The session-revocation policy: a deny of everything to credentials issued before a moment.
 *
 * `aws:TokenIssueTime` is present only in requests signed with temporary credentials, so the deny
 * ends every STS session of the principal issued before the moment (GetSessionToken,
 * GetFederationToken, AssumeRole) and leaves requests signed with long-term keys alone.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html
 */

/** Name of the inline policy on users and roles, and prefix of the managed fallback policy. */
export const REVOCATION_POLICY_NAME = 'pyjamas-revoke-older-sessions';

/** What the IAM console's "Revoke active sessions" button writes on a role. */
export const CONSOLE_REVOCATION_POLICY_NAME = 'AWSRevokeOlderSessions';

/** Path of the customer-managed fallback policies, so they are easy to list. */
export const MANAGED_POLICY_PATH = '/pyjamas/';

/** IAM's aggregate size of all inline policies of one user, in non-whitespace characters. */
export const USER_INLINE_POLICY_LIMIT = 2048;

/** IAM's aggregate size of all inline policies of one role, in non-whitespace characters. */
export const ROLE_INLINE_POLICY_LIMIT = 10240;

/** IAM keeps at most five versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;

/**
 * How far past the moment of planning a user's revocation reaches. IAM is eventually consistent:
 * for a short while after the key is deactivated, it may still sign a GetSessionToken somewhere.
 * Reaching a few minutes into the future also revokes the user's sessions minted in that window.
 * Roles get no margin: every healthy workload of a role refreshes its session within minutes, and
 * a margin would deny them all.
 */
export const REVOCATION_MARGIN_SECONDS = 300;

/** Prefix of the inline policy on a role that denies one session of it. */
export const SESSION_DENY_POLICY_PREFIX = 'pyjamas-deny-session-';

/** The customer-managed fallback policy of a user whose inline policies are full. */
export function managedRevocationPolicyName(userName: string): string {
  return `${REVOCATION_POLICY_NAME}-${userName}`;
}

/** ARN of {@link managedRevocationPolicyName}: fixed, so it can be read and attached without a search. */
export function managedRevocationPolicyArn(
  partition: string,
  account: string,
  userName: string,
): string {
  return `arn:${partition}:iam::${account}:policy${MANAGED_POLICY_PATH}${managedRevocationPolicyName(userName)}`;
}

/**
 * The revocation time for a plan made at `now`, `marginSeconds` later: ISO 8601 UTC with `Z`,
 * whole seconds, rounded up.
 */
export function revocationTimeAt(
  now: Date,
  marginSeconds: number = REVOCATION_MARGIN_SECONDS,
): string {
  const seconds = Math.ceil(now.getTime() / 1000) + marginSeconds;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `aws:userid` of a role session: `<role id>:<session name>` (`AROA…:i-0abc…`). */
export const SESSION_USER_ID = /^(AROA[A-Z0-9]{12,124}):([\w+=,.@-]{2,64})$/;

/** Name of the inline policy denying the session `sessionName` of a role (IAM allows 128 characters). */
export function sessionDenyPolicyName(sessionName: string): string {
  return `${SESSION_DENY_POLICY_PREFIX}${sessionName}`;
}

/**
 * The policy document, compact, that denies everything to one session of a role: requests whose
 * `aws:userid` is the session's (`<role id>:<session name>`) signed with credentials issued
 * before `tokenIssueTime`. Every other session of the role, and a later session of the same name,
 * is left alone.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-userid
 */
export function sessionDenyDocument(sessionUserId: string, tokenIssueTime: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PyjamasDenyOneSession',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:userid': sessionUserId },
          DateLessThan: { 'aws:TokenIssueTime': tokenIssueTime },
        },
      },
    ],
  });
}

/**
 * What a session-deny document denies: the session's `aws:userid` and the time before which its
 * credentials are denied; undefined when the document is not such a deny of everything.
 */
export function sessionDenyOf(
  document: string,
): { readonly sessionUserId: string; readonly time: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  const statements = (parsed as { Statement?: unknown } | null)?.Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if (!isRecord(statement) || statement.Effect !== 'Deny') continue;
    if (!isEverything(statement.Action) || !isEverything(statement.Resource)) continue;
    const condition = isRecord(statement.Condition) ? statement.Condition : {};
    const userId = conditionValue(condition.StringEquals, 'aws:userid');
    const time = conditionValue(condition.DateLessThan, 'aws:tokenissuetime');
    if (userId && time && !Number.isNaN(Date.parse(time))) return { sessionUserId: userId, time };
  }
  return undefined;
}

/** The single string value of a condition key (names are case-insensitive in IAM), if any. */
function conditionValue(operator: unknown, key: string): string | undefined {
  if (!isRecord(operator)) return undefined;
  const raw: unknown = Object.entries(operator).find(([name]) => name.toLowerCase() === key)?.[1];
  const value: unknown = Array.isArray(raw) && raw.length === 1 ? (raw as unknown[])[0] : raw;
  return typeof value === 'string' ? value : undefined;
}

/** The policy document, compact, that denies everything to sessions issued before `tokenIssueTime`. */
export function revocationDocument(tokenIssueTime: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PyjamasRevokeOlderSessions',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': tokenIssueTime } },
      },
    ],
  });
}

/** Size of a policy document as IAM counts it against its quotas: white space is not counted. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

/** IAM returns policy documents URL-encoded; this gives the JSON text. */
export function decodePolicyDocument(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The time before which a policy denies every session, when the document is such a revocation:
 * a Deny of `*` on `*` with `DateLessThan aws:TokenIssueTime` (ours, the console's, aws_ir's).
 */
export function revocationTimeOf(document: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  const statements = (parsed as { Statement?: unknown } | null)?.Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if (!isRecord(statement) || statement.Effect !== 'Deny') continue;
    if (!isEverything(statement.Action) || !isEverything(statement.Resource)) continue;
    const dateLessThan = isRecord(statement.Condition)
      ? statement.Condition.DateLessThan
      : undefined;
    if (!isRecord(dateLessThan)) continue;
    const entry = Object.entries(dateLessThan).find(
      ([key]) => key.toLowerCase() === 'aws:tokenissuetime',
    );
    const raw: unknown = entry?.[1];
    const value: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  }
  return undefined;
}

/**
 * An upper bound on when the newest session minted with a key was issued: the key's last use for
 * a long-term key (minting a session uses the key; AWS reports it to the minute), the first
 * CloudTrail event of a temporary key (its session was issued before it signed anything; to the
 * second). `at: null` means the key never minted anything; `at: undefined` that nobody can tell.
 */
export interface NewestSessionBound {
  readonly at: string | null | undefined;
  /** Precision of `at`: the real moment lies before `at` plus this. */
  readonly precisionMs: number;
}

/**
 * Whether a revocation in place, denying sessions issued before `existing`, already denies every
 * session the key could have minted.
 */
export function coverage(
  existing: string,
  newest: NewestSessionBound,
): 'covers' | 'stale' | 'unknown' {
  if (newest.at === null) return 'covers';
  if (newest.at === undefined) return 'unknown';
  return Date.parse(existing) >= Date.parse(newest.at) + newest.precisionMs ? 'covers' : 'stale';
}

function isEverything(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.includes('*'));
}

/**
 * The latest revocation among the inline policies called one of `names`: the policy and the
 * time before which it denies sessions.
 */
export function inlineRevocationTime(
  policies: readonly { readonly name: string; readonly document: string }[],
  names: readonly string[],
): { readonly name: string; readonly time: string } | undefined {
  return policies
    .filter((policy) => names.includes(policy.name))
    .map((policy) => ({ name: policy.name, time: revocationTimeOf(policy.document) }))
    .filter((found): found is { name: string; time: string } => found.time !== undefined)
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
}

/**
 * Whether a policy named `name` holding `document` (by default a revocation) fits beside the
 * other inline policies under `limit`; a policy of that name already there is replaced.
 */
export function fitsInline(
  policies: readonly { readonly name: string; readonly size: number }[],
  limit: number,
  document: string = revocationDocument(revocationTimeAt(new Date(0))),
  name: string = REVOCATION_POLICY_NAME,
): { readonly fits: boolean; readonly used: number } {
  const used = policies
    .filter((policy) => policy.name !== name)
    .reduce((sum, policy) => sum + policy.size, 0);
  return { fits: used + policySize(document) <= limit, used };
}
