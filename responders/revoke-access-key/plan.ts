import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Plan, Step, Target } from '../core/step';
import type { MintingKeyLookup } from './cloudtrail';
import { MAX_LOOKBACK_DAYS } from './cloudtrail-limits';
import type { KeyDescription, RoleState, SessionPrincipal, UserState } from './description';
import {
  CONSOLE_REVOCATION_POLICY_NAME,
  MAX_POLICY_VERSIONS,
  REVOCATION_POLICY_NAME,
  ROLE_INLINE_POLICY_LIMIT,
  USER_INLINE_POLICY_LIMIT,
  coverage,
  fitsInline,
  inlineRevocationTime,
  managedRevocationPolicyArn,
  revocationDocument,
  revocationTimeAt,
  revocationTimeOf,
  sessionDenyDocument,
  sessionDenyOf,
  sessionDenyPolicyName,
  type NewestSessionBound,
} from './policy';
import {
  attachRevocationPolicy,
  collectCloudTrailEvents,
  createRevocationPolicy,
  createRevocationPolicyVersion,
  deactivateAccessKey,
  deleteLoginProfile,
  deleteRevocationPolicyVersion,
  putRoleRevocationPolicy,
  putRoleSessionDenyPolicy,
  putUserRevocationPolicy,
  tagUser,
} from './steps';

/** Name of this responder in plans and records. */
export const RESPONDER_NAME = 'revoke-access-key';

/** Value of `pyjamas:status` on a user after a run. */
export const USER_STATUS = {
  keyRevoked: 'key-revoked',
  sessionsRevoked: 'sessions-revoked',
} as const;

/** IAM allows 50 tags per user. */
const MAX_USER_TAGS = 50;

/** Choices the operator makes; what to read was settled before (see DescribeRequest). */
export interface RevokeOptions {
  readonly caseId: string;
  /** The moment of planning, from the injected clock. */
  readonly now: Date;
  /** Also deactivate the owner's other active keys, each listed by id in the plan. */
  readonly deactivateOtherKeys: boolean;
  /** Also delete the owner's console password. */
  readonly deleteLoginProfile: boolean;
  /** Move a revocation already in place to now, even when it covers the key's use. */
  readonly revokeAgain: boolean;
  /**
   * Leave active the long-term key that minted a temporary key (GetSessionToken); the key is then
   * reported not contained, since that key can mint another session.
   *
   * @default false
   */
  readonly keepMintingKey?: boolean;
}

/**
 * Whether the key can no longer be used once the plan has run: `contained` when the key (or
 * the session) can sign nothing and its older sessions are denied; otherwise what is missing.
 */
export interface Containment {
  readonly contained: boolean;
  readonly summary: string;
}

/** A plan with what it achieves and the revocation time it writes. */
export interface RevocationPlan extends Plan {
  readonly containment: Containment;
  /**
   * `aws:TokenIssueTime` of any user revocation this plan writes: a few minutes past planning,
   * for sessions the key mints while its deactivation propagates.
   */
  readonly revocationTime: string;
  /** `aws:TokenIssueTime` of any role or session deny this plan writes: planning, no margin. */
  readonly roleRevocationTime: string;
}

/**
 * The steps that contain a compromised key, in order: deactivate the key (fastest containment),
 * deny its owner's older sessions, the opt-in steps (other keys, console password), the roles'
 * older sessions (opt-in per role), the case tags, then the CloudTrail evidence, which never
 * holds up containment. Pure: reads nothing, writes nothing.
 */
export function planRevocation(
  description: KeyDescription,
  options: RevokeOptions,
): RevocationPlan {
  const context: PlanContext = {
    description,
    options,
    time: revocationTimeAt(options.now),
    roleTime: revocationTimeAt(options.now, 0),
    steps: [],
    notes: [],
  };
  const containment = planOwner(context);
  planRoles(context);
  if (context.tags) planUserTags(context, context.tags.user, context.tags.status);
  context.notes.push(...evidenceNotes(description));
  const startTime = new Date(
    options.now.getTime() - description.lookbackDays * 86_400_000,
  ).toISOString();
  for (const region of description.cloudTrailRegions) {
    context.steps.push(
      collectCloudTrailEvents(region, description.accessKeyId, startTime, description.lookbackDays),
    );
  }
  return {
    responder: RESPONDER_NAME,
    caseId: options.caseId,
    target: targetOf(description),
    steps: context.steps,
    notes: context.notes,
    containment,
    revocationTime: context.time,
    roleRevocationTime: context.roleTime,
  };
}

interface PlanContext {
  readonly description: KeyDescription;
  readonly options: RevokeOptions;
  /** The revocation time of users' sessions in this plan. */
  readonly time: string;
  /** The revocation time of roles' sessions in this plan: no margin, to spare healthy workloads. */
  readonly roleTime: string;
  readonly steps: Step[];
  readonly notes: string[];
  /** The user to tag with the case, after the roles. */
  tags?: { readonly user: UserState; readonly status: string };
}

function planOwner(context: PlanContext): Containment {
  const { description: d, notes } = context;
  const key = d.accessKeyId;
  const owner = d.owner;
  switch (owner.kind) {
    case 'other-account':
      notes.push(
        `${key} belongs to account ${d.keyAccount}, not to account ${d.callerAccount} where this runs: nothing here can deactivate it or revoke its sessions. ` +
          `Run \`pyjamas revoke-access-key ${key} --case ${context.options.caseId}\` with credentials of account ${d.keyAccount}, or give the key id to that account's owner.`,
      );
      return {
        contained: false,
        summary: `the key belongs to account ${d.keyAccount}; contain it there`,
      };
    case 'root':
      notes.push(...rootSteps(key, d.callerAccount));
      return {
        contained: false,
        summary: 'the key is the root user’s: a person must deactivate it (see the notes)',
      };
    case 'no-owner':
      notes.push(
        `No IAM user owns ${key} and the root user has no access keys: the key was deleted, so it signs nothing more. ` +
          'Sessions minted with it before may live up to 36 hours: find its user in CloudTrail (userIdentity of the events this run collects) ' +
          'and rerun for a key of that user, which denies the user’s older sessions.',
      );
      return {
        contained: false,
        summary: 'the key no longer exists, but the sessions it minted are not revoked',
      };
    case 'user': {
      notes.push(
        `${key} is a long-term access key of IAM user ${owner.user.userName} (account ${d.callerAccount}), now ${owner.key.status}.`,
      );
      const newest: NewestSessionBound = { at: owner.lastUsed.date, precisionMs: 60_000 };
      if (owner.key.status === 'Active') {
        context.steps.push(
          deactivateAccessKey(
            d.iamRegion,
            owner.user.userName,
            key,
            `Stop ${key} from signing requests at once; deactivated rather than deleted, it stays searchable in CloudTrail.`,
          ),
        );
      }
      planUser(context, owner.user, newest, key, USER_STATUS.keyRevoked);
      return {
        contained: true,
        summary: `${key} is inactive and sessions of ${owner.user.userName} issued before the revocation time are denied`,
      };
    }
    case 'session':
      return planSession(context, owner.principal, owner.firstSeen);
  }
}

function planSession(
  context: PlanContext,
  principal: Extract<KeyDescription['owner'], { kind: 'session' }>['principal'],
  firstSeen: string | undefined,
): Containment {
  const { description: d, notes } = context;
  const key = d.accessKeyId;
  const temporary = `${key} is a temporary key (AWS cannot deactivate one; it works until it expires or its principal's older sessions are denied)`;
  switch (principal.type) {
    case 'role':
      notes.push(
        `${temporary}: a session of role ${principal.roleName} (named by ${principal.source === 'guardduty' ? 'GuardDuty' : 'CloudTrail'}).`,
      );
      return planRoleSession(context, principal, firstSeen);
    case 'user': {
      notes.push(`${temporary}: a ${principal.via} session of IAM user ${principal.userName}.`);
      if (!principal.user) {
        notes.push(
          `IAM user ${principal.userName} does not exist (any more): there is no user left to deny; the session ends when it expires.`,
        );
        return {
          contained: false,
          summary: `user ${principal.userName} no longer exists; the session ends when it expires`,
        };
      }
      const minting = planMintingKey(context, principal.user, principal.mintedBy);
      planUser(
        context,
        principal.user,
        { at: firstSeen, precisionMs: 1000 },
        minting.keyId,
        USER_STATUS.sessionsRevoked,
      );
      return (
        minting.containment ?? {
          contained: true,
          summary: `sessions of ${principal.userName} issued before the revocation time are denied, and no key of theirs that minted one can mint another`,
        }
      );
    }
    case 'root':
      notes.push(
        `${temporary}: a session of the root user. IAM policies cannot limit the root user, so nothing here can revoke it; ` +
          'a root session from GetSessionToken lasts an hour at most. Then treat the root user as compromised:',
        ...rootSteps('the root access key that minted it', d.callerAccount).slice(1),
      );
      return {
        contained: false,
        summary: 'root sessions cannot be revoked by policy; a person must act (see the notes)',
      };
    case 'unresolved':
      notes.push(
        `${temporary}, and whose session it is could not be found: ${principal.reason}.`,
        'Find its principal in the userIdentity of any CloudTrail event it signed (or in the GuardDuty finding), then: for a role, rerun with --revoke-role <role>; ' +
          'for an IAM user, rerun for one of that user’s long-term keys, which denies the user’s older sessions; a root session expires within an hour.',
      );
      return {
        contained: false,
        summary: 'whose session the key is could not be found (see the notes)',
      };
  }
}

/**
 * Contains a temporary key of a role session: by default a deny of that one session
 * (`aws:userid` = `<role id>:<session name>`, credentials issued before now), which leaves every
 * other session of the role working; with --revoke-assumed-roles, the role-wide revocation.
 */
function planRoleSession(
  context: PlanContext,
  principal: Extract<SessionPrincipal, { type: 'role' }>,
  firstSeen: string | undefined,
): Containment {
  const { description: d, options, steps, notes, roleTime } = context;
  const roleName = principal.roleName;
  const role = d.roles.find((candidate) => candidate.roleName === roleName);
  if (role && roleWide(role)) {
    return roleRevocable(role)
      ? {
          contained: true,
          summary: `sessions of role ${roleName} issued before ${roleTime} are denied`,
        }
      : {
          contained: false,
          summary: `the sessions of role ${roleName} cannot be revoked from here (see the notes)`,
        };
  }
  const wholeRole =
    `rerun with --revoke-role ${roleName} (or --revoke-assumed-roles), which denies every session of ${roleName} issued before the revocation time, ` +
    'those of healthy workloads too, until they fetch new credentials';
  if (!role?.exists) {
    notes.push(
      `Role ${roleName} does not exist in account ${d.callerAccount} (any more): no policy here can deny its session.`,
    );
    return { contained: false, summary: `role ${roleName} does not exist; nothing to deny` };
  }
  const userId = principal.sessionUserId;
  if (!userId) {
    notes.push(
      `Neither GuardDuty nor CloudTrail named the session (its aws:userid, <role id>:<session name>), so it cannot be denied alone: ${wholeRole}.`,
    );
    return {
      contained: false,
      summary: `the session of role ${roleName} is unknown; revoking it needs --revoke-role ${roleName}`,
    };
  }
  if (role.roleId && !userId.startsWith(`${role.roleId}:`)) {
    notes.push(
      `The session ${userId} belongs to an earlier role named ${roleName} (today's has the id ${role.roleId}); a policy on today's role cannot reach it.`,
    );
    return {
      contained: false,
      summary: `the session belongs to a deleted role ${roleName}; nothing here can deny it`,
    };
  }
  if (role.serviceLinked) {
    notes.push(
      `Role ${roleName} is service-linked: IAM lets only its service change it, so its session cannot be denied by policy.`,
    );
    return { contained: false, summary: `role ${roleName} is service-linked; nothing to deny` };
  }
  const sessionName = userId.slice(userId.indexOf(':') + 1);
  const name = sessionDenyPolicyName(sessionName);
  const contained: Containment = {
    contained: true,
    summary: `the session ${userId} of role ${roleName} is denied; the role's other sessions keep working`,
  };
  const existing = role.inlinePolicies.find((policy) => policy.name === name);
  const inPlace = existing ? sessionDenyOf(existing.document) : undefined;
  if (inPlace?.sessionUserId === userId && !options.revokeAgain) {
    const verdict = coverage(inPlace.time, { at: firstSeen, precisionMs: 1000 });
    if (verdict !== 'stale') {
      notes.push(
        `The session ${userId} is already denied (inline policy ${name} of ${roleName}, credentials issued before ${inPlace.time}); ` +
          `${verdict === 'covers' ? 'that covers the key' : 'whether the key was issued later is unknown'}, so the time stays (--revoke-again moves it to now).`,
      );
      return contained;
    }
  }
  const document = sessionDenyDocument(userId, roleTime);
  const room = fitsInline(role.inlinePolicies, ROLE_INLINE_POLICY_LIMIT, document, name);
  if (!room.fits) {
    notes.push(
      `Role ${roleName}'s inline policies take ${room.used} of IAM's ${ROLE_INLINE_POLICY_LIMIT} characters, too many to add the session deny: make room, or ${wholeRole}.`,
    );
    return { contained: false, summary: `the session deny does not fit on role ${roleName}` };
  }
  steps.push(putRoleSessionDenyPolicy(d.iamRegion, roleName, userId, document, roleTime));
  return contained;
}

/** True when the role's every older session is to be revoked, not only the key's own. */
function roleWide(role: RoleState): boolean {
  return role.reasons.some((reason) => reason !== 'session-of-key');
}

/**
 * The long-term key that minted a user's session can mint another at once, which a deny of older
 * sessions does not stop: it is deactivated (unless --keep-minting-key), and the key is reported
 * uncontained when it stays active or cannot be found.
 *
 * @returns the minting key's id (the user's other keys exclude it), and the containment when the
 *   key is not contained because of it
 */
function planMintingKey(
  context: PlanContext,
  user: UserState,
  mintedBy: MintingKeyLookup | undefined,
): { readonly keyId?: string; readonly containment?: Containment } {
  const { description: d, options, steps, notes } = context;
  const session = d.accessKeyId;
  if (!mintedBy?.found) {
    const reason = mintedBy?.reason ?? 'it was not looked up';
    const active = user.accessKeys.filter((key) => key.status === 'Active');
    if (active.length === 0) {
      notes.push(
        `The key that minted ${session} was not found (${reason}), but ${user.userName} has no active key left to mint another.`,
      );
      return {};
    }
    if (options.deactivateOtherKeys) {
      notes.push(
        `The key that minted ${session} was not found (${reason}); every active key of ${user.userName} is deactivated instead (--deactivate-other-keys).`,
      );
      return {};
    }
    notes.push(
      `The key that minted ${session} was not found (${reason}). ${user.userName}'s active keys (${active.map((key) => key.accessKeyId).join(', ')}) can mint another session: ` +
        '--deactivate-other-keys deactivates them all.',
    );
    return {
      containment: {
        contained: false,
        summary: `the key that minted the session is unknown and ${user.userName} has active keys that can mint another (--deactivate-other-keys)`,
      },
    };
  }
  const keyId = mintedBy.accessKeyId;
  const key = user.accessKeys.find((candidate) => candidate.accessKeyId === keyId);
  const minted = `${keyId} minted ${session} (CloudTrail, ${mintedBy.eventTime} in ${mintedBy.region})`;
  if (!key) {
    notes.push(`${minted}; it is no longer a key of ${user.userName}, so it mints nothing more.`);
    return { keyId };
  }
  if (key.status !== 'Active') {
    notes.push(`${minted}; it is already ${key.status}.`);
    return { keyId };
  }
  if (options.keepMintingKey) {
    notes.push(
      `${minted}; it stays active as asked (--keep-minting-key) and can mint another session at once.`,
    );
    return {
      keyId,
      containment: {
        contained: false,
        summary: `${keyId}, which minted the session, stays active and can mint another`,
      },
    };
  }
  notes.push(`${minted}; it is deactivated, since it could mint another session at once.`);
  steps.push(
    deactivateAccessKey(
      d.iamRegion,
      user.userName,
      keyId,
      `Stop ${keyId}, the long-term key that minted ${session}, from minting another session; deactivated rather than deleted, it stays searchable in CloudTrail.`,
    ),
  );
  return { keyId };
}

/** Revocation, opt-in extras and tags for the user who owns the key or the session. */
function planUser(
  context: PlanContext,
  user: UserState,
  newest: NewestSessionBound,
  key: string | undefined,
  status: string,
): void {
  const { description: d, options, steps, notes } = context;
  planUserRevocation(context, user, newest);

  const others = user.accessKeys.filter(
    (candidate) => candidate.accessKeyId !== key && candidate.status === 'Active',
  );
  if (options.deactivateOtherKeys) {
    for (const other of others) {
      steps.push(
        deactivateAccessKey(
          d.iamRegion,
          user.userName,
          other.accessKeyId,
          `Deactivate ${user.userName}'s other key ${other.accessKeyId} as asked (--deactivate-other-keys).`,
        ),
      );
    }
  } else if (others.length > 0) {
    notes.push(
      `${user.userName} has other active keys, left as they are: ${others.map((other) => other.accessKeyId).join(', ')} (--deactivate-other-keys deactivates them).`,
    );
  }

  if (user.loginProfile && options.deleteLoginProfile)
    steps.push(deleteLoginProfile(d.iamRegion, user.userName));
  else if (user.loginProfile)
    notes.push(
      `${user.userName} can sign in to the console with a password, left as is (--delete-login-profile deletes it).`,
    );
  else if (options.deleteLoginProfile)
    notes.push(`${user.userName} has no console password to delete.`);

  if (user.mfaDevices.length > 0) {
    notes.push(
      `${user.userName} has ${user.mfaDevices.length} MFA device(s) (${user.mfaDevices.map((device) => device.serialNumber).join(', ')}): check that the attacker registered none.`,
    );
  }
  for (const policy of user.attachedPolicies.filter((attached) =>
    /:iam::aws:policy\/AWSCompromisedKeyQuarantine(V\d+)?$/.test(attached.arn),
  )) {
    notes.push(
      `AWS attached ${policy.name} to ${user.userName} (AWS's own quarantine of exposed keys); it stays attached.`,
    );
  }
  if (d.actorArn === user.arn) {
    notes.push(
      `This run acts as ${user.userName}, the user it contains: use other credentials, or later steps may be denied or cut off.`,
    );
  }
  context.tags = { user, status };
}

function planUserRevocation(
  context: PlanContext,
  user: UserState,
  newest: NewestSessionBound,
): void {
  const { description: d, options, steps, notes, time } = context;
  const inline = inlineRevocationTime(user.inlinePolicies, [REVOCATION_POLICY_NAME]);
  const managed = user.managedRevocation;
  const managedTime = managed ? revocationTimeOf(managed.document) : undefined;
  const inPlace = [
    ...(inline ? [{ where: `inline policy ${REVOCATION_POLICY_NAME}`, time: inline.time }] : []),
    ...(managed?.attached && managedTime
      ? [{ where: `managed policy ${managed.arn}`, time: managedTime }]
      : []),
  ].sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];

  if (inPlace && !options.revokeAgain) {
    const verdict = coverage(inPlace.time, newest);
    if (verdict !== 'stale') {
      notes.push(
        `Sessions of ${user.userName} issued before ${inPlace.time} are already denied (${inPlace.where}); ` +
          (verdict === 'covers'
            ? 'that covers every use of the key, so the time stays'
            : 'whether the key was used later is unknown, so the time stays') +
          ' (--revoke-again moves it to now).',
      );
      return;
    }
    notes.push(
      `The revocation in place (${inPlace.where}, ${inPlace.time}) is older than the key's last use (${newest.at}): it moves to ${time}.`,
    );
  }
  if (
    !inPlace &&
    !options.revokeAgain &&
    managed &&
    !managed.attached &&
    managedTime &&
    coverage(managedTime, newest) === 'covers'
  ) {
    steps.push(attachRevocationPolicy(d.iamRegion, user.userName, managed.arn));
    return;
  }

  const document = revocationDocument(time);
  const room = fitsInline(user.inlinePolicies, USER_INLINE_POLICY_LIMIT);
  if (room.fits) {
    steps.push(putUserRevocationPolicy(d.iamRegion, user.userName, document, time));
    return;
  }
  const arn = managedRevocationPolicyArn(d.partition, d.callerAccount, user.userName);
  notes.push(
    `${user.userName}'s other inline policies take ${room.used} of IAM's ${USER_INLINE_POLICY_LIMIT} characters, too many to add the revocation inline: ` +
      `it goes into the managed policy ${arn} instead.`,
  );
  if (!managed) {
    steps.push(createRevocationPolicy(d.iamRegion, user.userName, document, time));
  } else {
    if (managed.versionIds.length >= MAX_POLICY_VERSIONS) {
      const oldest = managed.versionIds.find((versionId) => versionId !== managed.defaultVersionId);
      if (oldest)
        steps.push(deleteRevocationPolicyVersion(d.iamRegion, user.userName, arn, oldest));
    }
    steps.push(createRevocationPolicyVersion(d.iamRegion, user.userName, arn, document, time));
  }
  if (!managed?.attached) steps.push(attachRevocationPolicy(d.iamRegion, user.userName, arn));
  if (user.attachedPolicies.length >= 10 && !managed?.attached) {
    notes.push(
      `${user.userName} already has ${user.attachedPolicies.length} managed policies; IAM's default quota is 10 per user, so attaching may need a quota increase.`,
    );
  }
}

function planUserTags(context: PlanContext, user: UserState, status: string): void {
  const { description: d, options, steps, notes } = context;
  const wanted = { [RESPONSE_TAGS.caseId]: options.caseId, [RESPONSE_TAGS.status]: status };
  const changed = Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => user.tags[key] !== value),
  );
  if (Object.keys(changed).length === 0) return;
  const previousCase = user.tags[RESPONSE_TAGS.caseId];
  if (previousCase && previousCase !== options.caseId)
    notes.push(
      `${user.userName} was tagged for case ${previousCase}; the tag now names case ${options.caseId}.`,
    );
  const added = Object.keys(changed).filter((key) => !(key in user.tags)).length;
  if (Object.keys(user.tags).length + added > MAX_USER_TAGS) {
    notes.push(
      `${user.userName} has ${Object.keys(user.tags).length} tags, IAM's limit is ${MAX_USER_TAGS}: the case tags are left out.`,
    );
    return;
  }
  steps.push(tagUser(d.iamRegion, user.userName, changed));
}

function planRoles(context: PlanContext): void {
  const { description: d, options, steps, notes, roleTime: time } = context;
  const roles = d.roles.filter(roleWide);
  if (roles.length > 0) {
    notes.push(
      `Revoking a role's older sessions denies every session of that role issued before ${time}, those of healthy workloads (instances, functions, people) too, until they fetch new credentials.`,
    );
  }
  for (const role of roles) {
    if (!role.exists) {
      notes.push(
        `Role ${role.roleName} does not exist in account ${d.callerAccount}: nothing to revoke.`,
      );
      continue;
    }
    if (role.serviceLinked) {
      notes.push(
        `Role ${role.roleName} is service-linked: IAM lets only its service change it, so its sessions cannot be revoked by policy.`,
      );
      continue;
    }
    const existing = inlineRevocationTime(role.inlinePolicies, [
      REVOCATION_POLICY_NAME,
      CONSOLE_REVOCATION_POLICY_NAME,
    ]);
    if (existing && !options.revokeAgain) {
      const verdict = coverage(existing.time, roleBound(d, role));
      if (verdict !== 'stale') {
        notes.push(
          `Sessions of role ${role.roleName} issued before ${existing.time} are already denied (inline policy ${existing.name}); ` +
            `${verdict === 'covers' ? 'that covers every session the key could have minted' : 'whether the key minted a later one is unknown'}, so the time stays (--revoke-again moves it to now).`,
        );
        continue;
      }
    }
    const room = fitsInline(role.inlinePolicies, ROLE_INLINE_POLICY_LIMIT);
    if (!room.fits) {
      notes.push(
        `Role ${role.roleName}'s inline policies take ${room.used} of IAM's ${ROLE_INLINE_POLICY_LIMIT} characters, too many to add the revocation: ` +
          'revoke its sessions by hand (IAM console, Roles, Revoke active sessions, after making room).',
      );
      continue;
    }
    const document = revocationDocument(time);
    steps.push(putRoleRevocationPolicy(d.iamRegion, role.roleName, document, time, roleWhy(role)));
  }
}

/** True when the role's sessions can be revoked by this responder. */
function roleRevocable(role: RoleState): boolean {
  return (
    role.exists &&
    !role.serviceLinked &&
    fitsInline(role.inlinePolicies, ROLE_INLINE_POLICY_LIMIT).fits
  );
}

function roleWhy(role: RoleState): string {
  const reasons = {
    named: 'named by the operator',
    'assumed-by-key': 'assumed with the key',
    'issuer-of-session': 'the key is one of its sessions',
    'session-of-key': 'the key is one of its sessions',
  };
  return role.reasons.map((reason) => reasons[reason]).join(', ');
}

/** When the newest session of `role` minted with the key was issued, as far as the description tells. */
function roleBound(d: KeyDescription, role: RoleState): NewestSessionBound {
  if (d.owner.kind === 'user') return { at: d.owner.lastUsed.date, precisionMs: 60_000 };
  if (d.owner.kind === 'session') return { at: d.owner.firstSeen, precisionMs: 1000 };
  const assumed = (d.assumedRoleLookup?.sessions ?? [])
    .filter((session) => role.arn && session.roleArn === role.arn)
    .map((session) => session.eventTime);
  return { at: assumed.sort().pop(), precisionMs: 1000 };
}

function evidenceNotes(d: KeyDescription): string[] {
  const notes: string[] = [];
  if (d.regionsProblem)
    notes.push(
      `The enabled regions could not be listed (${d.regionsProblem}); CloudTrail is searched in ${d.cloudTrailRegions.join(', ')} only.`,
    );
  const lookup = d.assumedRoleLookup;
  if (lookup) {
    const failed = lookup.regions.filter((region) => !region.ok);
    if (failed.length > 0) {
      notes.push(
        `Roles the key assumed could not be looked for in ${failed.length} of ${lookup.regions.length} regions (${failed[0]?.region}: ${failed[0]?.error}): ` +
          'finding none there does not mean there are none.',
      );
    }
    for (const session of lookup.sessions.filter(
      (minted) => minted.roleArn && !d.roles.some((role) => role.arn === minted.roleArn),
    )) {
      notes.push(
        `The key assumed ${session.roleArn} on ${session.eventTime}, a role of another account: revoke its sessions there.`,
      );
    }
    if (
      failed.length === 0 &&
      !lookup.sessions.some((session) => session.eventName === 'AssumeRole')
    ) {
      notes.push(
        `CloudTrail shows no role assumed with the key in the last ${d.lookbackDays} days.`,
      );
    }
  }
  notes.push(
    `CloudTrail LookupEvents holds only management events, of the last ${MAX_LOOKBACK_DAYS} days; ` +
      'data events (S3 objects, Lambda invocations) are only in the trail’s logs.',
  );
  return notes;
}

/** The human steps for a root user's access key (`key` names it), which no API call of this account can contain. */
function rootSteps(key: string, account: string): string[] {
  return [
    `${key} is an access key of the root user of account ${account}. IAM policies cannot limit the root user and only the root user manages its keys, so this run changes nothing. A person must:`,
    '1. sign in as the root user, or, in an organization with centralized root access, call sts:AssumeRoot from the management account with the IAMDeleteRootUserCredentials task policy (which deletes the root keys rather than deactivating them);',
    `2. deactivate ${key} (Security credentials, Access keys), and delete it once its CloudTrail history is kept: the root user should have no access keys;`,
    '3. change the root password and check the root MFA device: replace it if the attacker may know it, add one if there is none;',
    '4. in an organization, attach an SCP that denies the member account’s root user until the case is closed (SCPs do not bind the management account);',
    '5. review what the key did: the CloudTrail extract of this run, and the trail’s logs for data events.',
  ];
}

function targetOf(d: KeyDescription): Target {
  const accountArn = `arn:${d.partition}:iam::${d.keyAccount}:root`;
  const owner = d.owner;
  let arn = accountArn;
  if (owner.kind === 'user') arn = owner.user.arn;
  else if (owner.kind === 'session' && owner.principal.type === 'user' && owner.principal.user)
    arn = owner.principal.user.arn;
  else if (owner.kind === 'session' && owner.principal.type === 'role') {
    const roleName = owner.principal.roleName;
    arn =
      d.roles.find((role) => role.roleName === roleName)?.arn ??
      `arn:${d.partition}:iam::${d.keyAccount}:role/${roleName}`;
  }
  return {
    type: 'AwsIamAccessKey',
    id: d.accessKeyId,
    arn,
    region: d.iamRegion,
    account: d.keyAccount,
  };
}
