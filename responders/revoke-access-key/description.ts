import type { MintedSession, MintingKeyLookup } from './cloudtrail';

/**
 * What the responder reads about a key before planning, as plain data: the plan is a pure
 * function of it, and the run keeps it as the pre-state artifact.
 */

/** An access key as ListAccessKeys shows it: never its secret. */
export interface AccessKeyState {
  readonly accessKeyId: string;
  readonly status: string;
  readonly createDate?: string;
}

/** An inline policy of a user or role, its document decoded, and its size as IAM counts it. */
export interface InlinePolicy {
  readonly name: string;
  readonly document: string;
  readonly size: number;
}

/** The customer-managed revocation policy of a user, when a run had to fall back to one. */
export interface ManagedRevocationPolicy {
  readonly arn: string;
  readonly defaultVersionId: string;
  /** Every version id, oldest first. */
  readonly versionIds: readonly string[];
  /** The default version's document. */
  readonly document: string;
  readonly attached: boolean;
}

/** An IAM user as the responder needs it, and as the pre-state artifact keeps it. */
export interface UserState {
  readonly userName: string;
  readonly userId: string;
  readonly arn: string;
  readonly createDate?: string;
  readonly tags: { readonly [key: string]: string };
  readonly accessKeys: readonly AccessKeyState[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly { readonly name: string; readonly arn: string }[];
  readonly groups: readonly string[];
  /** Present when the user can sign in to the console. */
  readonly loginProfile: {
    readonly createDate?: string;
    readonly passwordResetRequired?: boolean;
  } | null;
  readonly mfaDevices: readonly { readonly serialNumber: string; readonly enableDate?: string }[];
  readonly managedRevocation: ManagedRevocationPolicy | null;
}

/**
 * Why a role is read: its sessions are to be revoked (`named`, `assumed-by-key`,
 * `issuer-of-session`), or only the one session the key is is to be denied (`session-of-key`).
 */
export type RoleReason = 'named' | 'assumed-by-key' | 'issuer-of-session' | 'session-of-key';

/** A role whose sessions the operator asked to revoke. */
export interface RoleState {
  readonly roleName: string;
  readonly reasons: readonly RoleReason[];
  /** False when no role of that name exists in this account. */
  readonly exists: boolean;
  readonly arn?: string;
  /** The role's unique id (`AROA…`), the first half of its sessions' `aws:userid`. */
  readonly roleId?: string;
  /** Service-linked roles take no policies from anyone but their service. */
  readonly serviceLinked: boolean;
  readonly inlinePolicies: readonly InlinePolicy[];
}

/** Whose session a temporary (`ASIA`) key is. */
export type SessionPrincipal =
  | {
      readonly type: 'role';
      readonly roleName: string;
      /** The session's `aws:userid`, `<role id>:<session name>`, when GuardDuty or CloudTrail named it. */
      readonly sessionUserId?: string;
      readonly source: 'cloudtrail' | 'guardduty';
    }
  | {
      readonly type: 'user';
      readonly userName: string;
      /** Null when no such user exists (any more). */
      readonly user: UserState | null;
      readonly via: 'GetSessionToken' | 'GetFederationToken';
      readonly source: 'cloudtrail' | 'guardduty';
      /**
       * The long-term key that minted the session (CloudTrail), which can mint another until it
       * is deactivated; undefined when the user no longer exists.
       */
      readonly mintedBy?: MintingKeyLookup;
    }
  | { readonly type: 'root'; readonly source: 'cloudtrail' | 'guardduty' }
  | { readonly type: 'unresolved'; readonly reason: string };

/** Who owns the key, as far as this account can tell. */
export type KeyOwner =
  | {
      readonly kind: 'user';
      readonly user: UserState;
      readonly key: AccessKeyState;
      readonly lastUsed: {
        readonly date: string | null;
        readonly service?: string;
        readonly region?: string;
      };
    }
  | {
      readonly kind: 'session';
      readonly principal: SessionPrincipal;
      /** When the key was first seen signing a request (CloudTrail, or GuardDuty's first sighting). */
      readonly firstSeen?: string;
    }
  /** A long-term key of this account that no IAM user owns while the root user has keys. */
  | { readonly kind: 'root' }
  /** A long-term key of this account that no IAM user owns and the root user has no keys: deleted. */
  | { readonly kind: 'no-owner' }
  | { readonly kind: 'other-account' };

/** The CloudTrail lookup done before planning, to find the roles the key assumed. */
export interface AssumedRoleLookup {
  readonly regions: readonly {
    readonly region: string;
    readonly ok: boolean;
    readonly events?: number;
    readonly truncated?: boolean;
    readonly error?: string;
  }[];
  readonly sessions: readonly MintedSession[];
}

/** Everything the plan is made from: one read of the key, its owner and the roles in question. */
export interface KeyDescription {
  readonly accessKeyId: string;
  readonly temporary: boolean;
  readonly readAt: string;
  readonly homeRegion: string;
  /** Where IAM and STS calls go (the partition's global region). */
  readonly iamRegion: string;
  readonly partition: string;
  readonly callerAccount: string;
  readonly actorArn: string;
  /** The account that owns the key (sts:GetAccessKeyInfo). */
  readonly keyAccount: string;
  readonly owner: KeyOwner;
  readonly roles: readonly RoleState[];
  readonly assumedRoleLookup?: AssumedRoleLookup;
  /** Regions whose CloudTrail is searched for the key. */
  readonly cloudTrailRegions: readonly string[];
  /** Set when the enabled regions could not be listed and a fallback was used. */
  readonly regionsProblem?: string;
  readonly lookbackDays: number;
}

/** Account and name of a role ARN (`arn:aws:iam::123456789012:role/path/name`). */
export function parseRoleArn(
  arn: string,
): { readonly account: string; readonly name: string } | undefined {
  const match = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? { account: match[1] as string, name: match[2] as string } : undefined;
}
