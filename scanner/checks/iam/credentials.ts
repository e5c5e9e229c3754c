import type { CheckContext } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { CredentialReport, CredentialReportKey, CredentialReportUser } from '../../model/iam';
import { GLOBAL_REGION, accountResource, notApplicable } from '../results';

const DAY_MS = 86_400_000;

/** The resource of a per-user finding drawn from the credential report. */
export function userResource(user: CredentialReportUser): ResourceRef {
  return { region: GLOBAL_REGION, type: 'AwsIamUser', id: user.user, arn: user.arn };
}

/** The NOT_APPLICABLE result of a per-user check when no user holds the credential it judges. */
export function noUserWith(ctx: CheckContext, credential: string): CheckResult {
  return notApplicable(
    accountResource(ctx, 'iam', GLOBAL_REGION),
    `Account ${ctx.account} has no IAM user with ${credential}.`,
  );
}

/** An access key and its slot in the credential report. */
export interface KeySlot {
  readonly slot: 1 | 2;
  readonly key: CredentialReportKey;
}

/** A user and its active access keys (inactive keys cannot sign requests and are not judged). */
export interface KeyHolder {
  readonly user: CredentialReportUser;
  readonly keys: readonly [KeySlot, ...KeySlot[]];
}

/** Users with at least one active access key. */
export function activeKeyHolders(report: CredentialReport): KeyHolder[] {
  return report.users.flatMap((user) => {
    const keys = user.accessKeys.flatMap((key, index): KeySlot[] =>
      key.active ? [{ slot: index === 0 ? 1 : 2, key }] : [],
    );
    const [first, ...others] = keys;
    return first ? [{ user, keys: [first, ...others] }] : [];
  });
}

/** A point in the past as seen from the scan: whole days elapsed, Infinity when the report has no date. */
export interface PastDate {
  readonly iso: string | null;
  readonly days: number;
}

/** Whole days from `iso` to the scan's now. */
export function pastDate(iso: string | null, now: Date): PastDate {
  return {
    iso,
    days:
      iso === null
        ? Number.POSITIVE_INFINITY
        : Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS),
  };
}

/** `60 days ago (2026-04-02)`, or `at no date the credential report records`. */
export function describeDate(date: PastDate): string {
  if (date.iso === null) return 'at no date the credential report records';
  return `${date.days} ${date.days === 1 ? 'day' : 'days'} ago (${date.iso.slice(0, 10)})`;
}

/** The last sign of life of a password or access key. */
export interface Activity extends PastDate {
  readonly used: boolean;
}

/**
 * When a credential was last active: its last use or, if it was never used, when it was set
 * (else when its user was created). CIS counts a never-used credential from the day it was set:
 * a password created and forgotten is as dormant as one used long ago.
 */
export function lastActivity(
  lastUsed: string | null,
  setAt: string | null,
  userCreated: string | null,
  now: Date,
): Activity {
  return { ...pastDate(lastUsed ?? setAt ?? userCreated, now), used: lastUsed !== null };
}

/** `last used 3 days ago (2026-05-29)` or `never used, set 60 days ago (2026-04-02)`. */
export function describeActivity(activity: Activity): string {
  return activity.used
    ? `last used ${describeDate(activity)}`
    : `never used, set ${describeDate(activity)}`;
}

/** `access key 1`. */
export function keyName(slot: KeySlot): string {
  return `access key ${slot.slot}`;
}
