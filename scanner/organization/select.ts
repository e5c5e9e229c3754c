import { UsageError } from '../../lib/errors';
import type { MemberAccount } from './accounts';

/** Which accounts of the organization to scan. */
export interface AccountSelection {
  /** @default - every active account */
  readonly accounts?: readonly string[];
  /** @default - none */
  readonly excludedAccounts?: readonly string[];
}

/** What the selection leaves: accounts to scan, and those named but not active. */
export interface SelectedAccounts {
  readonly toScan: readonly MemberAccount[];
  /** Accounts the selection would include that are not ACTIVE (suspended, closing, closed). */
  readonly inactive: readonly MemberAccount[];
}

/**
 * Applies `--accounts` and `--excluded-accounts` to the organization's accounts. Pure.
 *
 * @throws UsageError naming every id of `--accounts` that is no account of the organization
 */
export function selectAccounts(
  all: readonly MemberAccount[],
  selection: AccountSelection,
): SelectedAccounts {
  const known = new Set(all.map((account) => account.id));
  const unknown = (selection.accounts ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `--accounts names ${unknown.join(', ')}, not in the organization; list its accounts with aws organizations list-accounts`,
    );
  }
  const wanted = selection.accounts ? new Set(selection.accounts) : undefined;
  const excluded = new Set(selection.excludedAccounts ?? []);
  const chosen = all.filter(
    (account) => (!wanted || wanted.has(account.id)) && !excluded.has(account.id),
  );
  if (chosen.length === 0)
    throw new UsageError('no account left to scan after --accounts and --excluded-accounts');
  return {
    toScan: chosen.filter((account) => account.status === 'ACTIVE'),
    inactive: chosen.filter((account) => account.status !== 'ACTIVE'),
  };
}
