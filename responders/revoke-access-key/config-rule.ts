import {
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../lib/aws/clients';
import { UsageError } from '../../lib/errors';
import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Judgement } from '../core/config-rule';
import { ACCESS_KEY_ID } from './key-id';

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
  const [user, keys] = await Promise.all([
    iam.send(new GetUserCommand({ UserName: userName })),
    iam.send(new ListAccessKeysCommand({ UserName: userName })),
  ]);
  const tagged = user.User?.Tags?.find((tag) => tag.Key === RESPONSE_TAGS.compromisedKey)?.Value;
  return {
    userName,
    ...(tagged !== undefined ? { tagged } : {}),
    keys: (keys.AccessKeyMetadata ?? []).map((key) => ({
      accessKeyId: key.AccessKeyId ?? '',
      status: key.Status ?? 'unknown',
    })),
  };
}

/**
 * Judges "an access key tagged compromised is inactive": the key the user's
 * `pyjamas:compromised-key` tag names is Inactive, or no longer exists. Untagged users are not
 * applicable; a tag that names no key of the user is NON_COMPLIANT, so that someone looks. Pure.
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
  if (key.status === 'Inactive')
    return {
      compliance: 'COMPLIANT',
      annotation: `${state.tagged} of ${state.userName} is inactive.`,
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
