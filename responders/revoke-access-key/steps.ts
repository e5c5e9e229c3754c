/*
 * The revocation's step factories: pure, steps as data; their runners are in runners.ts.
 */
import type { Step } from '../core/step';
import { LOOKUP_EVENTS_PAGE_SIZE, MAX_LOOKUP_PAGES_PER_REGION } from './cloudtrail-limits';
import {
  MANAGED_POLICY_PATH,
  REVOCATION_POLICY_NAME,
  managedRevocationPolicyName,
  sessionDenyPolicyName,
} from './policy';

/** Step ids are kebab-case; IAM names and key ids may hold capitals and `+=,.@_`. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Deactivates (never deletes) a long-term key: its id stays searchable in CloudTrail, and it can be reactivated. */
export function deactivateAccessKey(
  region: string,
  userName: string,
  accessKeyId: string,
  reason: string,
): Step {
  return {
    id: `deactivate-access-key-${slug(accessKeyId)}`,
    reason,
    action: 'iam:UpdateAccessKey',
    region,
    input: { UserName: userName, AccessKeyId: accessKeyId, Status: 'Inactive' },
    // A key or user that no longer exists signs nothing either.
    alreadyDoneOn: ['NoSuchEntity'],
  };
}

/** Puts the revocation policy inline on a user. */
export function putUserRevocationPolicy(
  region: string,
  userName: string,
  document: string,
  tokenIssueTime: string,
): Step {
  return {
    id: `revoke-older-sessions-user-${slug(userName)}`,
    reason: `Deny everything to sessions of ${userName} issued before ${tokenIssueTime}: deactivating a key does not end the sessions minted with it.`,
    action: 'iam:PutUserPolicy',
    region,
    input: { UserName: userName, PolicyName: REVOCATION_POLICY_NAME, PolicyDocument: document },
  };
}

/** Creates the customer-managed revocation policy of a user whose inline policies are full. */
export function createRevocationPolicy(
  region: string,
  userName: string,
  document: string,
  tokenIssueTime: string,
): Step {
  return {
    id: `create-revocation-policy-${slug(userName)}`,
    reason: `Hold the deny of sessions issued before ${tokenIssueTime} in a managed policy, because ${userName}'s inline policies would exceed IAM's size limit.`,
    action: 'iam:CreatePolicy',
    region,
    input: {
      PolicyName: managedRevocationPolicyName(userName),
      Path: MANAGED_POLICY_PATH,
      PolicyDocument: document,
      Description: `Pyjamas: revokes sessions of IAM user ${userName} issued before ${tokenIssueTime}`,
    },
    alreadyDoneOn: ['EntityAlreadyExists'],
  };
}

/** Makes a new default version of the managed revocation policy (moves its time on purpose). */
export function createRevocationPolicyVersion(
  region: string,
  userName: string,
  policyArn: string,
  document: string,
  tokenIssueTime: string,
): Step {
  return {
    id: `update-revocation-policy-${slug(userName)}`,
    reason: `Move the revocation of ${userName}'s sessions to ${tokenIssueTime}.`,
    action: 'iam:CreatePolicyVersion',
    region,
    input: { PolicyArn: policyArn, PolicyDocument: document, SetAsDefault: true },
  };
}

/** Deletes the oldest version of the managed revocation policy, when IAM's five versions are used up. */
export function deleteRevocationPolicyVersion(
  region: string,
  userName: string,
  policyArn: string,
  versionId: string,
): Step {
  return {
    id: `delete-revocation-policy-version-${slug(userName)}-${slug(versionId)}`,
    reason: `IAM keeps five versions of a policy; the oldest (kept in the pre-state artifact) makes room for the new one.`,
    action: 'iam:DeletePolicyVersion',
    region,
    input: { PolicyArn: policyArn, VersionId: versionId },
    alreadyDoneOn: ['NoSuchEntity'],
  };
}

/** Attaches the managed revocation policy to its user. */
export function attachRevocationPolicy(region: string, userName: string, policyArn: string): Step {
  return {
    id: `attach-revocation-policy-${slug(userName)}`,
    reason: `Apply the managed revocation policy to ${userName}.`,
    action: 'iam:AttachUserPolicy',
    region,
    input: { UserName: userName, PolicyArn: policyArn },
  };
}

/** Deletes a user's console password (IAM has no way to deactivate one). */
export function deleteLoginProfile(region: string, userName: string): Step {
  return {
    id: `delete-login-profile-${slug(userName)}`,
    reason: `Stop console sign-in as ${userName}: IAM cannot deactivate a password, only delete it (an administrator can set a new one later).`,
    action: 'iam:DeleteLoginProfile',
    region,
    input: { UserName: userName },
    alreadyDoneOn: ['NoSuchEntity'],
  };
}

/** Puts the revocation policy inline on a role, as the IAM console's "Revoke active sessions" does. */
export function putRoleRevocationPolicy(
  region: string,
  roleName: string,
  document: string,
  tokenIssueTime: string,
  why: string,
): Step {
  return {
    id: `revoke-older-sessions-role-${slug(roleName)}`,
    reason: `Deny everything to sessions of role ${roleName} issued before ${tokenIssueTime} (${why}); a user's policies do not reach role sessions.`,
    action: 'iam:PutRolePolicy',
    region,
    input: { RoleName: roleName, PolicyName: REVOCATION_POLICY_NAME, PolicyDocument: document },
  };
}

/** Puts the inline policy on a role that denies one of its sessions, and no other. */
export function putRoleSessionDenyPolicy(
  region: string,
  roleName: string,
  sessionUserId: string,
  document: string,
  tokenIssueTime: string,
): Step {
  const sessionName = sessionUserId.slice(sessionUserId.indexOf(':') + 1);
  return {
    id: `deny-session-${slug(roleName)}-${slug(sessionName)}`,
    reason: `Deny everything to the session ${sessionUserId} of role ${roleName} (credentials issued before ${tokenIssueTime}), the session the key belongs to; the role's other sessions, those of healthy workloads, are left alone.`,
    action: 'iam:PutRolePolicy',
    region,
    input: {
      RoleName: roleName,
      PolicyName: sessionDenyPolicyName(sessionName),
      PolicyDocument: document,
    },
  };
}

/** Tags a user with the case. Tags help people find the case; the evidence, not the tags, is the record. */
export function tagUser(
  region: string,
  userName: string,
  tags: { readonly [key: string]: string },
): Step {
  return {
    id: `tag-user-${slug(userName)}`,
    reason: `Mark ${userName} with the case, so that people who look at the user find it.`,
    action: 'iam:TagUser',
    region,
    input: {
      UserName: userName,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    },
  };
}

/** Keeps the management events the key signed in one region (evidence; never holds up containment). */
export function collectCloudTrailEvents(
  region: string,
  accessKeyId: string,
  startTime: string,
  lookbackDays: number,
): Step {
  return {
    id: `collect-cloudtrail-events-${region}`,
    reason: `Keep the management events ${accessKeyId} signed in ${region} over the last ${lookbackDays} days (up to ${MAX_LOOKUP_PAGES_PER_REGION * LOOKUP_EVENTS_PAGE_SIZE} events).`,
    action: 'cloudtrail:LookupEvents',
    region,
    input: {
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: accessKeyId }],
      StartTime: startTime,
      MaxResults: LOOKUP_EVENTS_PAGE_SIZE,
    },
    onFailure: 'continue',
  };
}
