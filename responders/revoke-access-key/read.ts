import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
  paginateListMFADevices,
  paginateListPolicyVersions,
  paginateListRolePolicies,
  paginateListUserPolicies,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { allSettledOrFirstError } from '../../lib/concurrency';
import { globalRegionOf, partitionOfRegion, type AwsClients } from '../../lib/aws/clients';
import { hasAwsErrorName, summarizeAwsError } from '../../lib/aws/errors';
import { usableRegions } from '../../lib/aws/region';
import { tagRecord } from '../../lib/aws/tags';
import type { Clock } from '../../lib/clock';
import {
  MAX_SESSION_TOKEN_HOURS,
  earliestEventTime,
  findMintingKey,
  lookupKeyEventsEverywhere,
  principalOfSession,
  sessionsMintedBy,
  type CloudTrailPacer,
  type RegionLookup,
} from './cloudtrail';
import { isTemporaryKey } from './key-id';
import type {
  AssumedRoleLookup,
  InlinePolicy,
  KeyDescription,
  KeyOwner,
  ManagedRevocationPolicy,
  RoleReason,
  RoleState,
  SessionPrincipal,
  UserState,
} from './description';
import { parseRoleArn } from './description';
import {
  SESSION_USER_ID,
  decodePolicyDocument,
  managedRevocationPolicyArn,
  policySize,
} from './policy';

/** What GuardDuty says about the key: used for temporary keys, whose owner IAM cannot tell. */
export interface PrincipalHint {
  /** `IAMUser`, `AssumedRole`, `Root`, `FederatedUser`. */
  readonly userType: string;
  readonly userName?: string;
  /** GuardDuty's `principalId`: for a role session `<role id>:<session name>`, its `aws:userid`. */
  readonly principalId?: string;
  /** When GuardDuty first saw the activity. */
  readonly firstSeen?: string;
}

/** What to read. */
export interface DescribeRequest {
  readonly accessKeyId: string;
  readonly homeRegion: string;
  /** Regions to search CloudTrail in. @default - every region enabled in the account */
  readonly regions?: readonly string[];
  readonly lookbackDays: number;
  /** Roles named by the operator. */
  readonly revokeRoles: readonly string[];
  /** Also revoke the roles CloudTrail shows the key assumed (and the role of an `ASIA` session). */
  readonly revokeAssumedRoles: boolean;
  readonly hint?: PrincipalHint;
}

/** What reading needs besides clients. */
export interface DescribeDeps {
  readonly clock: Clock;
  readonly pacer: CloudTrailPacer;
}

/**
 * Reads the key, its owner and the roles in question with read-only calls, in parallel where one
 * answer does not depend on another.
 *
 * @throws when the key's owner cannot be read at all (e.g. iam:GetAccessKeyLastUsed is denied)
 */
export async function describeAccessKey(
  aws: AwsClients,
  request: DescribeRequest,
  deps: DescribeDeps,
): Promise<KeyDescription> {
  const { accessKeyId, homeRegion } = request;
  const partition = partitionOfRegion(homeRegion);
  const iamRegion = globalRegionOf(partition);
  const readAt = deps.clock.now();
  const temporary = isTemporaryKey(accessKeyId);
  const sts = aws.get(STSClient, homeRegion);

  const [identity, keyInfo, lastUsed, regions] = await allSettledOrFirstError([
    sts.send(new GetCallerIdentityCommand({})),
    sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: accessKeyId })),
    // Temporary keys have no last-used record; asking would only fail.
    temporary || request.hint?.userType === 'Root'
      ? Promise.resolve(undefined)
      : settle(
          aws
            .get(IAMClient, iamRegion)
            .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
        ),
    request.regions
      ? Promise.resolve<RegionList>({ regions: [...request.regions] })
      : enabledRegions(aws, homeRegion, iamRegion, partition),
  ]);
  const callerAccount = identity.Account ?? '';
  const keyAccount = keyInfo.Account ?? '';
  const managedArn = (userName: string) =>
    managedRevocationPolicyArn(partition, callerAccount, userName);
  const startTime = new Date(readAt.getTime() - request.lookbackDays * 86_400_000);

  // CloudTrail is read before planning only when the plan depends on it: to find the roles the
  // key assumed (opt-in), or whose session a temporary key is when GuardDuty did not say.
  const sameAccount = keyAccount === callerAccount;
  const needsTrail =
    request.revokeAssumedRoles || (temporary && sameAccount && !hintNamesPrincipal(request.hint));
  const trailRead = needsTrail
    ? lookupKeyEventsEverywhere(aws, deps.pacer, {
        accessKeyId,
        regions: regions.regions,
        startTime,
      })
    : Promise.resolve(undefined);
  const ownerRead: Promise<KeyOwner> = !sameAccount
    ? Promise.resolve({ kind: 'other-account' })
    : temporary
      ? trailRead.then((trail) =>
          sessionOwner(aws, iamRegion, accessKeyId, request.hint, trail, managedArn),
        )
      : request.hint?.userType === 'Root'
        ? // GuardDuty saw the root user sign with this key: no IAM user to look for.
          Promise.resolve({ kind: 'root' })
        : longTermOwner(aws, iamRegion, accessKeyId, lastUsed, managedArn);
  const [trail, sessionOwnerRead] = await allSettledOrFirstError([trailRead, ownerRead]);
  const owner = await withMintingKey(aws, deps.pacer, accessKeyId, sessionOwnerRead, {
    regions: regions.regions,
    readAt,
  });

  const assumedRoleLookup =
    request.revokeAssumedRoles && trail ? summarizeLookup(accessKeyId, trail) : undefined;
  const roles = await readRoles(
    aws,
    iamRegion,
    rolesInQuestion(request, owner, assumedRoleLookup, callerAccount),
  );

  return {
    accessKeyId,
    temporary,
    readAt: readAt.toISOString(),
    homeRegion,
    iamRegion,
    partition,
    callerAccount,
    actorArn: identity.Arn ?? '',
    keyAccount,
    owner,
    roles,
    ...(assumedRoleLookup ? { assumedRoleLookup } : {}),
    cloudTrailRegions: regions.regions,
    ...(regions.problem ? { regionsProblem: regions.problem } : {}),
    lookbackDays: request.lookbackDays,
  };
}

/**
 * The owner, with the long-term key that minted it when the key is a user's session: that key can
 * mint another session until it is deactivated, so containment depends on it.
 */
async function withMintingKey(
  aws: AwsClients,
  pacer: CloudTrailPacer,
  accessKeyId: string,
  owner: KeyOwner,
  window: { readonly regions: readonly string[]; readonly readAt: Date },
): Promise<KeyOwner> {
  if (owner.kind !== 'session' || owner.principal.type !== 'user' || !owner.principal.user)
    return owner;
  const mintedBy = await findMintingKey(aws, pacer, {
    sessionKeyId: accessKeyId,
    eventName: owner.principal.via,
    regions: window.regions,
    startTime: new Date(window.readAt.getTime() - MAX_SESSION_TOKEN_HOURS * 3_600_000),
  });
  return { ...owner, principal: { ...owner.principal, mintedBy } };
}

function hintNamesPrincipal(hint: PrincipalHint | undefined): boolean {
  if (!hint) return false;
  return (
    hint.userType === 'Root' ||
    ((hint.userType === 'AssumedRole' || hint.userType === 'IAMUser') && Boolean(hint.userName))
  );
}

type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

interface RegionList {
  readonly regions: string[];
  readonly problem?: string;
}

async function enabledRegions(
  aws: AwsClients,
  homeRegion: string,
  iamRegion: string,
  partition: string,
): Promise<RegionList> {
  try {
    // Without AllRegions, DescribeRegions lists only the regions enabled for the account.
    const answer = await aws.get(EC2Client, homeRegion).send(new DescribeRegionsCommand({}));
    const regions = usableRegions(answer.Regions ?? [], partition);
    if (regions.length > 0) return { regions };
    return {
      regions: [...new Set([homeRegion, iamRegion])],
      problem: 'ec2:DescribeRegions listed no regions',
    };
  } catch (error) {
    const { name, message } = summarizeAwsError(error);
    return {
      regions: [...new Set([homeRegion, iamRegion])],
      problem: `ec2:DescribeRegions failed (${name}: ${message})`,
    };
  }
}

async function longTermOwner(
  aws: AwsClients,
  iamRegion: string,
  accessKeyId: string,
  lastUsed:
    | Settled<{
        UserName?: string;
        AccessKeyLastUsed?: { LastUsedDate?: Date; ServiceName?: string; Region?: string };
      }>
    | undefined,
  managedArn: (userName: string) => string,
): Promise<KeyOwner> {
  if (lastUsed && !lastUsed.ok && !hasAwsErrorName(lastUsed.error, ['NoSuchEntity']))
    throw lastUsed.error;
  const userName = lastUsed?.ok ? lastUsed.value.UserName : undefined;
  const user = userName ? await readUser(aws, iamRegion, userName, managedArn(userName)) : null;
  const key = user?.accessKeys.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (user && key && lastUsed?.ok) {
    const used = lastUsed.value.AccessKeyLastUsed;
    // AWS answers "N/A" for the service and region of a key that was never used.
    const known = (value?: string) => (value && value !== 'N/A' ? value : undefined);
    const service = known(used?.ServiceName);
    const region = known(used?.Region);
    return {
      kind: 'user',
      user,
      key,
      lastUsed: {
        date: used?.LastUsedDate ? used.LastUsedDate.toISOString() : null,
        ...(service ? { service } : {}),
        ...(region ? { region } : {}),
      },
    };
  }
  // No IAM user owns the key. The root user's keys are the only other long-term keys of an
  // account, and IAM says whether the root user has any.
  const summary = await aws.get(IAMClient, iamRegion).send(new GetAccountSummaryCommand({}));
  return (summary.SummaryMap?.AccountAccessKeysPresent ?? 0) > 0
    ? { kind: 'root' }
    : { kind: 'no-owner' };
}

async function sessionOwner(
  aws: AwsClients,
  iamRegion: string,
  accessKeyId: string,
  hint: PrincipalHint | undefined,
  trail: readonly RegionLookup[] | undefined,
  managedArn: (userName: string) => string,
): Promise<KeyOwner> {
  const events = (trail ?? []).flatMap((lookup) => (lookup.ok ? lookup.result.events : []));
  const firstSeen = earliestEventTime(events) ?? hint?.firstSeen;
  const withFirstSeen = (principal: SessionPrincipal): KeyOwner => ({
    kind: 'session',
    principal,
    ...(firstSeen ? { firstSeen } : {}),
  });
  const user = async (
    userName: string,
    via: 'GetSessionToken' | 'GetFederationToken',
    source: 'cloudtrail' | 'guardduty',
  ) =>
    withFirstSeen({
      type: 'user',
      userName,
      user: await readUser(aws, iamRegion, userName, managedArn(userName)),
      via,
      source,
    });

  if (hint?.userType === 'AssumedRole' && hint.userName) {
    const sessionUserId = sessionUserIdOf(hint.principalId);
    return withFirstSeen({
      type: 'role',
      roleName: hint.userName,
      ...(sessionUserId ? { sessionUserId } : {}),
      source: 'guardduty',
    });
  }
  if (hint?.userType === 'IAMUser' && hint.userName)
    return user(hint.userName, 'GetSessionToken', 'guardduty');
  if (hint?.userType === 'Root') return withFirstSeen({ type: 'root', source: 'guardduty' });
  const principal = principalOfSession(accessKeyId, events);
  if (principal?.type === 'role') {
    const sessionUserId = sessionUserIdOf(principal.principalId);
    return withFirstSeen({
      type: 'role',
      roleName: principal.roleName,
      ...(sessionUserId ? { sessionUserId } : {}),
      source: 'cloudtrail',
    });
  }
  if (principal?.type === 'user') return user(principal.userName, principal.via, 'cloudtrail');
  if (principal?.type === 'root') return withFirstSeen({ type: 'root', source: 'cloudtrail' });
  if (principal?.type === 'other') {
    return withFirstSeen({
      type: 'unresolved',
      reason: `CloudTrail names its signer as a ${principal.identityType}, whose sessions IAM policies cannot revoke`,
    });
  }
  const failed = (trail ?? []).filter((lookup) => !lookup.ok);
  const searched = trail ?? [];
  const reason =
    searched.length > 0 && failed.length === searched.length
      ? `CloudTrail LookupEvents failed in every region searched (${describeFailure(failed[0])})`
      : `CloudTrail holds no event signed by it in the window searched${failed.length > 0 ? ` (and LookupEvents failed in ${failed.length} regions)` : ''}`;
  return withFirstSeen({ type: 'unresolved', reason });
}

/** The `aws:userid` of a role session in a principal id, when it is one (`AROA…:<session name>`). */
function sessionUserIdOf(principalId: string | undefined): string | undefined {
  return principalId && SESSION_USER_ID.test(principalId) ? principalId : undefined;
}

function describeFailure(lookup: RegionLookup | undefined): string {
  return lookup && !lookup.ok ? `${lookup.region}: ${lookup.error.name}` : 'no region';
}

function summarizeLookup(accessKeyId: string, trail: readonly RegionLookup[]): AssumedRoleLookup {
  return {
    regions: trail.map((lookup) =>
      lookup.ok
        ? {
            region: lookup.region,
            ok: true,
            events: lookup.result.events.length,
            truncated: lookup.result.truncated,
          }
        : {
            region: lookup.region,
            ok: false,
            error: `${lookup.error.name}: ${lookup.error.message}`,
          },
    ),
    sessions: sessionsMintedBy(
      accessKeyId,
      trail.flatMap((lookup) => (lookup.ok ? lookup.result.events : [])),
    ),
  };
}

/** Role names to read, each with why, in a stable order. */
function rolesInQuestion(
  request: DescribeRequest,
  owner: KeyOwner,
  lookup: AssumedRoleLookup | undefined,
  callerAccount: string,
): Map<string, RoleReason[]> {
  const roles = new Map<string, RoleReason[]>();
  const add = (name: string, reason: RoleReason) =>
    roles.set(name, [...new Set([...(roles.get(name) ?? []), reason])]);
  for (const name of request.revokeRoles) add(name, 'named');
  if (request.revokeAssumedRoles) {
    for (const session of lookup?.sessions ?? []) {
      const role = session.roleArn ? parseRoleArn(session.roleArn) : undefined;
      // Roles of other accounts cannot be changed from here; the plan names them.
      if (role && role.account === callerAccount) add(role.name, 'assumed-by-key');
    }
    if (owner.kind === 'session' && owner.principal.type === 'role')
      add(owner.principal.roleName, 'issuer-of-session');
  } else if (owner.kind === 'session' && owner.principal.type === 'role') {
    // Read to deny the key's own session, and no other session of the role.
    add(owner.principal.roleName, 'session-of-key');
  }
  return roles;
}

async function readRoles(
  aws: AwsClients,
  iamRegion: string,
  roles: Map<string, RoleReason[]>,
): Promise<RoleState[]> {
  return Promise.all(
    [...roles].map(([roleName, reasons]) => readRole(aws, iamRegion, roleName, reasons)),
  );
}

/** Reads a role and its inline policies; a missing role comes back with `exists: false`. */
export async function readRole(
  aws: AwsClients,
  iamRegion: string,
  roleName: string,
  reasons: readonly RoleReason[],
): Promise<RoleState> {
  const iam = aws.get(IAMClient, iamRegion);
  const found = await unlessMissing(iam.send(new GetRoleCommand({ RoleName: roleName })));
  if (!found) return { roleName, reasons, exists: false, serviceLinked: false, inlinePolicies: [] };
  const role = found.Role;
  const names: string[] = [];
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName }))
    names.push(...(page.PolicyNames ?? []));
  const inlinePolicies = await Promise.all(
    names.map(async (name) =>
      inlinePolicy(
        name,
        (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })))
          .PolicyDocument,
      ),
    ),
  );
  return {
    roleName,
    reasons,
    exists: true,
    ...(role?.Arn ? { arn: role.Arn } : {}),
    ...(role?.RoleId ? { roleId: role.RoleId } : {}),
    serviceLinked: (role?.Path ?? '').startsWith('/aws-service-role/'),
    inlinePolicies,
  };
}

/**
 * Reads an IAM user: keys (ids and status only), policies, groups, console access, MFA devices,
 * and the managed revocation policy at `managedArn` if a run created one.
 *
 * @returns null when the user does not exist
 */
export async function readUser(
  aws: AwsClients,
  iamRegion: string,
  userName: string,
  managedArn: string,
): Promise<UserState | null> {
  const iam = aws.get(IAMClient, iamRegion);
  const found = await unlessMissing(iam.send(new GetUserCommand({ UserName: userName })));
  if (!found) return null;
  const user = found.User;
  const [accessKeys, policyNames, attachedPolicies, groups, loginProfile, mfaDevices, managed] =
    await allSettledOrFirstError([
      collect(paginateListAccessKeys({ client: iam }, { UserName: userName }), (page) =>
        (page.AccessKeyMetadata ?? []).map((key) => ({
          accessKeyId: key.AccessKeyId ?? '',
          status: key.Status ?? 'unknown',
          ...(key.CreateDate ? { createDate: key.CreateDate.toISOString() } : {}),
        })),
      ),
      collect(
        paginateListUserPolicies({ client: iam }, { UserName: userName }),
        (page) => page.PolicyNames ?? [],
      ),
      collect(paginateListAttachedUserPolicies({ client: iam }, { UserName: userName }), (page) =>
        (page.AttachedPolicies ?? []).map((policy) => ({
          name: policy.PolicyName ?? '',
          arn: policy.PolicyArn ?? '',
        })),
      ),
      collect(paginateListGroupsForUser({ client: iam }, { UserName: userName }), (page) =>
        (page.Groups ?? []).map((group) => group.GroupName ?? ''),
      ),
      unlessMissing(iam.send(new GetLoginProfileCommand({ UserName: userName }))).then((answer) =>
        answer
          ? {
              ...(answer.LoginProfile?.CreateDate
                ? { createDate: answer.LoginProfile.CreateDate.toISOString() }
                : {}),
              ...(answer.LoginProfile?.PasswordResetRequired !== undefined
                ? { passwordResetRequired: answer.LoginProfile.PasswordResetRequired }
                : {}),
            }
          : null,
      ),
      collect(paginateListMFADevices({ client: iam }, { UserName: userName }), (page) =>
        (page.MFADevices ?? []).map((device) => ({
          serialNumber: device.SerialNumber ?? '',
          ...(device.EnableDate ? { enableDate: device.EnableDate.toISOString() } : {}),
        })),
      ),
      readManagedRevocation(aws, iamRegion, managedArn),
    ]);
  const inlinePolicies = await Promise.all(
    policyNames.map(async (name) =>
      inlinePolicy(
        name,
        (await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name })))
          .PolicyDocument,
      ),
    ),
  );
  return {
    userName,
    userId: user?.UserId ?? '',
    arn: user?.Arn ?? '',
    ...(user?.CreateDate ? { createDate: user.CreateDate.toISOString() } : {}),
    tags: tagRecord(user?.Tags),
    accessKeys,
    inlinePolicies,
    attachedPolicies,
    groups,
    loginProfile,
    mfaDevices,
    managedRevocation: managed
      ? { ...managed, attached: attachedPolicies.some((policy) => policy.arn === managed.arn) }
      : null,
  };
}

async function readManagedRevocation(
  aws: AwsClients,
  iamRegion: string,
  arn: string,
): Promise<Omit<ManagedRevocationPolicy, 'attached'> | null> {
  const iam = aws.get(IAMClient, iamRegion);
  const found = await unlessMissing(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  if (!found) return null;
  const defaultVersionId = found.Policy?.DefaultVersionId ?? 'v1';
  const [version, versions] = await allSettledOrFirstError([
    iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersionId })),
    collect(
      paginateListPolicyVersions({ client: iam }, { PolicyArn: arn }),
      (page) => page.Versions ?? [],
    ),
  ]);
  const versionIds = versions
    .slice()
    .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))
    .map((item) => item.VersionId ?? '')
    .filter(Boolean);
  return {
    arn,
    defaultVersionId,
    versionIds,
    document: decodePolicyDocument(version.PolicyVersion?.Document ?? ''),
  };
}

/** The answer, or null when IAM says the entity does not exist. */
async function unlessMissing<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (hasAwsErrorName(error, ['NoSuchEntity'])) return null;
    throw error;
  }
}

function inlinePolicy(name: string, rawDocument: string | undefined): InlinePolicy {
  const document = decodePolicyDocument(rawDocument ?? '');
  return { name, document, size: policySize(document) };
}

async function collect<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[],
): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...items(page));
  return all;
}
