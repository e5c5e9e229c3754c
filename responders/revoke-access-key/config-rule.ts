import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  paginateListAttachedUserPolicies,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName } from '../../lib/aws/errors';
import { UsageError } from '../../lib/errors';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Judgement } from '../core/config-rule';
import { ACCESS_KEY_ID } from './key-id';
import {
  MANAGED_POLICY_PATH,
  REVOCATION_POLICY_NAME,
  decodePolicyDocument,
  managedRevocationPolicyName,
  revocationTimeOf,
} from './policy';

/**
 * An IAM unique id as the IAM API defines it (16 to 128 word characters); for users AWS issues
 * `AIDA…`. AWS Config names IAM users by it (RESOURCE_ID), not by their name.
 */
export const IAM_UNIQUE_ID = /^\w{16,128}$/;

/**
 * Checks a Config resource id of an IAM user before any AWS call.
 *
 * @throws UsageError naming the expected form
 */
export function validateUserId(value: unknown): string {
  if (typeof value === 'string' && IAM_UNIQUE_ID.test(value) && !ACCESS_KEY_ID.test(value))
    return value;
  throw new UsageError(
    `${JSON.stringify(value ?? '')} is not the unique id of an IAM user (AIDA followed by upper-case letters and digits, e.g. AIDAJQABLZS4A3QDU576Q), which Config passes as RESOURCE_ID`,
  );
}

/** An IAM user whose `pyjamas:compromised-key` tag names one of its keys as compromised. */
export interface CompromisedKeyState {
  readonly userName: string;
  /** The tag's value; undefined when the user has no such tag. */
  readonly tagged?: string;
  /** The user's access keys and their status. */
  readonly keys: readonly { readonly accessKeyId: string; readonly status: string }[];
  /**
   * The deny of the user's older sessions a response left (inline, or the managed fallback):
   * where it is and the time before which it denies sessions; null when there is none. Read only
   * when the verdict depends on it (the tagged key is inactive).
   */
  readonly sessionDeny?: { readonly policy: string; readonly time: string } | null;
}

/**
 * Finds the user with the unique id `userId` (iam:ListUsers: IAM cannot look a user up by id)
 * and reads its tags and access keys.
 *
 * @throws UsageError when no user has that id
 */
export async function readCompromisedKey(
  aws: AwsClients,
  region: string,
  userId: string,
): Promise<CompromisedKeyState> {
  const iam = aws.get(IAMClient, region);
  let userName: string | undefined;
  for await (const page of paginateListUsers({ client: iam }, {})) {
    userName = page.Users?.find((user) => user.UserId === userId)?.UserName;
    if (userName) break;
  }
  if (!userName)
    throw new UsageError(
      `no IAM user has the unique id ${userId}: it was deleted, or the id is not a user's`,
    );
  return readUserKeyState(aws, region, userName);
}

/** Reads a user's `pyjamas:compromised-key` tag, keys and, when the verdict needs it, its session deny. */
async function readUserKeyState(
  aws: AwsClients,
  region: string,
  userName: string,
): Promise<CompromisedKeyState> {
  const iam = aws.get(IAMClient, region);
  const [user, keys] = await Promise.all([
    iam.send(new GetUserCommand({ UserName: userName })),
    iam.send(new ListAccessKeysCommand({ UserName: userName })),
  ]);
  const tagged = user.User?.Tags?.find((tag) => tag.Key === RESPONSE_TAGS.compromisedKey)?.Value;
  const state = {
    userName,
    ...(tagged !== undefined ? { tagged } : {}),
    keys: (keys.AccessKeyMetadata ?? []).map((key) => ({
      accessKeyId: key.AccessKeyId ?? '',
      status: key.Status ?? 'unknown',
    })),
  };
  const key = state.keys.find((candidate) => candidate.accessKeyId === tagged);
  if (key?.status !== 'Inactive') return state;
  return { ...state, sessionDeny: await readSessionDeny(aws, region, userName) };
}

/** The user's session revocation in place: the inline policy, else the attached managed fallback. */
async function readSessionDeny(
  aws: AwsClients,
  region: string,
  userName: string,
): Promise<{ readonly policy: string; readonly time: string } | null> {
  const iam = aws.get(IAMClient, region);
  try {
    const inline = await iam.send(
      new GetUserPolicyCommand({ UserName: userName, PolicyName: REVOCATION_POLICY_NAME }),
    );
    const time = revocationTimeOf(decodePolicyDocument(inline.PolicyDocument ?? ''));
    if (time) return { policy: REVOCATION_POLICY_NAME, time };
  } catch (error) {
    if (!hasAwsErrorName(error, ['NoSuchEntity'])) throw error;
  }
  const managedName = managedRevocationPolicyName(userName);
  for await (const page of paginateListAttachedUserPolicies(
    { client: iam },
    { UserName: userName, PathPrefix: MANAGED_POLICY_PATH },
  )) {
    const attached = page.AttachedPolicies?.find((policy) => policy.PolicyName === managedName);
    if (!attached?.PolicyArn) continue;
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: attached.PolicyArn }));
    const version = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: attached.PolicyArn,
        VersionId: policy.Policy?.DefaultVersionId ?? 'v1',
      }),
    );
    const time = revocationTimeOf(decodePolicyDocument(version.PolicyVersion?.Document ?? ''));
    if (time) return { policy: attached.PolicyArn, time };
  }
  return null;
}

/** How many users a periodic evaluation reads at once. */
const USERS_IN_FLIGHT = 8;

/**
 * A periodic evaluation: every user tagged `pyjamas:compromised-key`, judged by its live state.
 * Periodic runs exist because Config records no change of an access key's status: a key
 * re-activated after the response is only seen by looking. Untagged users are left out (the
 * change-triggered evaluations report them), so a period costs one evaluation per tagged user.
 *
 * @returns each tagged user's unique id (Config's resource id) and verdict
 */
export async function judgeTaggedUsers(
  aws: AwsClients,
  region: string,
): Promise<{ readonly resourceId: string; readonly judgement: Judgement }[]> {
  const iam = aws.get(IAMClient, region);
  const users: { readonly userName: string; readonly userId: string }[] = [];
  for await (const page of paginateListUsers({ client: iam }, {}))
    for (const user of page.Users ?? [])
      if (user.UserName && user.UserId)
        users.push({ userName: user.UserName, userId: user.UserId });
  const judged: { readonly resourceId: string; readonly judgement: Judgement }[] = [];
  for (let start = 0; start < users.length; start += USERS_IN_FLIGHT) {
    const states = await Promise.all(
      users
        .slice(start, start + USERS_IN_FLIGHT)
        .map(async (user) => ({ user, state: await readUserKeyState(aws, region, user.userName) })),
    );
    for (const { user, state } of states)
      if (state.tagged !== undefined)
        judged.push({ resourceId: user.userId, judgement: judgeCompromisedKey(state) });
  }
  return judged;
}

/**
 * Judges "an access key tagged compromised is inactive and its sessions denied": the key the
 * user's `pyjamas:compromised-key` tag names is Inactive with the user's older sessions denied, or
 * no longer exists. A key re-activated, or a deny removed, after the response is NON_COMPLIANT,
 * so that the remediation runs again. Untagged users are not applicable; a tag that names no key
 * of the user is NON_COMPLIANT, so that someone looks. Pure.
 */
export function judgeCompromisedKey(state: CompromisedKeyState): Judgement {
  const tag = RESPONSE_TAGS.compromisedKey;
  if (state.tagged === undefined)
    return { compliance: 'NOT_APPLICABLE', annotation: `${state.userName} has no ${tag} tag.` };
  if (!ACCESS_KEY_ID.test(state.tagged))
    return {
      compliance: 'NON_COMPLIANT',
      annotation: `The ${tag} tag of ${state.userName} must hold an access key id (AKIA…), got ${JSON.stringify(state.tagged)}.`,
    };
  const key = state.keys.find((candidate) => candidate.accessKeyId === state.tagged);
  if (!key)
    return {
      compliance: 'COMPLIANT',
      annotation: `${state.tagged} no longer exists (or is not a key of ${state.userName}).`,
    };
  if (key.status === 'Inactive' && state.sessionDeny)
    return {
      compliance: 'COMPLIANT',
      annotation: `${state.tagged} of ${state.userName} is inactive and sessions issued before ${state.sessionDeny.time} are denied (${state.sessionDeny.policy}).`,
    };
  if (key.status === 'Inactive')
    return {
      compliance: 'NON_COMPLIANT',
      annotation: `${state.tagged} of ${state.userName} is inactive, but no policy denies the sessions it minted (${REVOCATION_POLICY_NAME} is gone or was never put).`,
    };
  return {
    compliance: 'NON_COMPLIANT',
    annotation: `${state.tagged} of ${state.userName} is tagged compromised and still ${key.status}.`,
  };
}

/**
 * The key a Config remediation of `userId` is to revoke: the one its `pyjamas:compromised-key`
 * tag names, which must be one of the user's own keys (tagging a user must not reach another
 * user's key).
 *
 * @throws UsageError when the user has no such tag, or it names no key of the user
 */
export async function compromisedKeyOf(
  aws: AwsClients,
  region: string,
  userId: string,
): Promise<{ readonly userName: string; readonly accessKeyId: string }> {
  const state = await readCompromisedKey(aws, region, userId);
  const tag = RESPONSE_TAGS.compromisedKey;
  if (state.tagged === undefined)
    throw new UsageError(
      `IAM user ${state.userName} has no ${tag} tag (removed since Config judged it?): there is no key to revoke`,
    );
  if (!state.keys.some((key) => key.accessKeyId === state.tagged)) {
    throw new UsageError(
      `the ${tag} tag of IAM user ${state.userName} names ${JSON.stringify(state.tagged)}, which is not one of its access keys (${state.keys.map((key) => key.accessKeyId).join(', ') || 'none'})`,
    );
  }
  return { userName: state.userName, accessKeyId: state.tagged };
}
