import type { ReportSummary } from '../report/report';
import type { MemberAccount } from './accounts';

/** What happened to one account of an organization scan. */
export type AccountOutcome =
  | {
      readonly account: MemberAccount;
      readonly status: 'scanned';
      /** `assumed-role` for members; `caller` for the signed-in account, read with its own keys. */
      readonly enteredAs: 'assumed-role' | 'caller';
      readonly regions: readonly string[];
      readonly summary: ReportSummary;
      /** Report files written for the account. */
      readonly files: readonly string[];
    }
  | {
      readonly account: MemberAccount;
      /** AssumeRole was refused (role missing, trust policy, external id, SCP) or failed. */
      readonly status: 'not-entered';
      readonly reason: string;
    }
  | {
      readonly account: MemberAccount;
      /** Entered, but the scan itself could not run (regions unreadable, identity refused). */
      readonly status: 'failed';
      readonly reason: string;
    }
  | {
      readonly account: MemberAccount;
      /** Suspended, closing or closed: Organizations allows no role to be assumed there. */
      readonly status: 'inactive';
      readonly reason: string;
    };

/** The organization summary `pyjamas scan --org` writes beside the account reports. */
export interface OrganizationSummary {
  readonly organizationId: string;
  readonly managementAccount: string;
  /** The account whose credentials listed the organization and assumed the roles. */
  readonly callerAccount: string;
  readonly roleName: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Every selected account, by id. */
  readonly accounts: readonly AccountOutcome[];
  readonly totals: {
    readonly accounts: number;
    readonly scanned: number;
    readonly notEntered: number;
    readonly failed: number;
    readonly inactive: number;
    /** Failed findings that are not muted, over every scanned account. */
    readonly failedFindings: number;
  };
}

/** Assembles the summary from the outcomes, in account-id order. Pure. */
export function summarizeOrganization(
  meta: Omit<OrganizationSummary, 'accounts' | 'totals'>,
  outcomes: readonly AccountOutcome[],
): OrganizationSummary {
  const accounts = [...outcomes].sort((a, b) => a.account.id.localeCompare(b.account.id));
  const count = (status: AccountOutcome['status']): number =>
    accounts.filter((outcome) => outcome.status === status).length;
  const failedFindings = accounts.reduce(
    (sum, outcome) => sum + (outcome.status === 'scanned' ? outcome.summary.failed : 0),
    0,
  );
  return {
    ...meta,
    accounts,
    totals: {
      accounts: accounts.length,
      scanned: count('scanned'),
      notEntered: count('not-entered'),
      failed: count('failed'),
      inactive: count('inactive'),
      failedFindings,
    },
  };
}

/**
 * 1 when any account has a failed finding that is not muted, or could not be entered or
 * scanned (an account nobody looked at is no pass), else 0 — the single-account scan's
 * convention. Inactive accounts are left out: AWS lets nobody in.
 */
export function organizationExitCode(summary: OrganizationSummary): 0 | 1 {
  const { failedFindings, notEntered, failed } = summary.totals;
  return failedFindings > 0 || notEntered > 0 || failed > 0 ? 1 : 0;
}

/** The summary as console lines: one per account, then the totals. Pure. */
export function formatOrganizationSummary(summary: OrganizationSummary): string {
  const lines = [
    `Organization ${summary.organizationId || '(unknown)'} (management account ${summary.managementAccount || 'unknown'}), role ${summary.roleName}`,
  ];
  for (const outcome of summary.accounts) {
    const label = `  ${outcome.account.id} ${outcome.account.name}`.trimEnd();
    lines.push(
      outcome.status === 'scanned'
        ? `${label}: scanned (${outcome.enteredAs === 'caller' ? 'own credentials' : 'assumed role'}), ${outcome.summary.failed} failed, ${outcome.summary.byStatus.ERROR} errors`
        : `${label}: ${outcome.status} — ${outcome.reason}`,
    );
  }
  const { totals } = summary;
  lines.push(
    `${totals.scanned} of ${totals.accounts} accounts scanned, ${totals.failedFindings} failed findings; ${totals.notEntered} not entered, ${totals.failed} failed, ${totals.inactive} inactive.`,
  );
  return `${lines.join('\n')}\n`;
}
