import { RESPONSE_TAGS } from '../../lib/plumbing-tags';
import type { Plan, Step, Target } from '../core/step';
import { MAX_LOOKBACK_DAYS } from './cloudtrail-limits';
import type { KeyDescription, RoleState, UserState } from './description';
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
  /** `aws:TokenIssueTime` of any revocation this plan writes. */
  readonly revocationTime: string;
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
  };
}

interface PlanContext {
  readonly description: KeyDescription;
  readonly options: RevokeOptions;
  /** The revocation time of this plan. */
  readonly time: string;
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
    case 'role': {
      const role = d.roles.find((candidate) => candidate.roleName === principal.roleName);
      notes.push(
        `${temporary}: a session of role ${principal.roleName} (named by ${principal.source === 'guardduty' ? 'GuardDuty' : 'CloudTrail'}).`,
      );
      if (!role) {
        notes.push(
          `To end it, rerun with --revoke-role ${principal.roleName} (or --revoke-assumed-roles): that denies every session of ${principal.roleName} issued before the revocation time, ` +
            'those of healthy workloads too, until they fetch new credentials.',
        );
        return {
          contained: false,
          summary: `revoking the sessions of role ${principal.roleName} needs --revoke-role ${principal.roleName}`,
        };
      }
      return roleRevocable(role)
        ? {
            contained: true,
            summary: `sessions of role ${principal.roleName} issued before the revocation time are denied`,
          }
        : {
            contained: false,
            summary: `the sessions of role ${principal.roleName} cannot be revoked from here (see the notes)`,
          };
    }
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
      notes.push(
        `The session was minted with a long-term key of ${principal.userName}; deactivate it too (--deactivate-other-keys deactivates all of them).`,
      );
      planUser(
        context,
        principal.user,
        { at: firstSeen, precisionMs: 1000 },
        undefined,
        USER_STATUS.sessionsRevoked,
      );
      return {
        contained: true,
        summary: `sessions of ${principal.userName} issued before the revocation time are denied`,
      };
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
  const { description: d, options, steps, notes, time } = context;
  if (d.roles.length > 0) {
    notes.push(
      `Revoking a role's older sessions denies every session of that role issued before ${time}, those of healthy workloads (instances, functions, people) too, until they fetch new credentials.`,
    );
  }
  for (const role of d.roles) {
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
