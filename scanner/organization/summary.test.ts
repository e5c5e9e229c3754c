import type { ReportSummary } from '../report/report';
import {
  formatOrganizationSummary,
  organizationExitCode,
  summarizeOrganization,
  type AccountOutcome,
} from './summary';

const META = {
  organizationId: 'o-abc123',
  managementAccount: '111111111111',
  callerAccount: '111111111111',
  roleName: 'OrganizationAccountAccessRole',
  startedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:01:00.000Z',
};

function scanned(id: string, failed: number): AccountOutcome {
  const summary: ReportSummary = {
    checks: 1,
    findings: failed,
    byStatus: { PASS: 0, FAIL: failed, MANUAL: 0, ERROR: 0, NOT_APPLICABLE: 0 },
    failedBySeverity: { critical: 0, high: failed, medium: 0, low: 0, informational: 0 },
    failed,
    muted: 0,
  };
  return {
    account: { id, name: `account-${id.slice(0, 1)}`, status: 'ACTIVE' },
    status: 'scanned',
    enteredAs: 'assumed-role',
    regions: ['us-east-1'],
    summary,
    files: [],
  };
}

describe('organization summary', () => {
  test('exits 0 only when every selected active account was scanned without failures', () => {
    expect(organizationExitCode(summarizeOrganization(META, [scanned('222222222222', 0)]))).toBe(0);
    expect(organizationExitCode(summarizeOrganization(META, [scanned('222222222222', 2)]))).toBe(1);
    const refused: AccountOutcome = {
      account: { id: '333333333333', name: 'legacy', status: 'ACTIVE' },
      status: 'not-entered',
      reason: 'AccessDenied',
    };
    expect(
      organizationExitCode(summarizeOrganization(META, [scanned('222222222222', 0), refused])),
    ).toBe(1);
    const suspended: AccountOutcome = {
      account: { id: '444444444444', name: 'sandbox', status: 'SUSPENDED' },
      status: 'inactive',
      reason: 'the account is SUSPENDED',
    };
    expect(
      organizationExitCode(summarizeOrganization(META, [scanned('222222222222', 0), suspended])),
    ).toBe(0);
  });

  test('lists accounts by id with their outcome, then the totals', () => {
    const summary = summarizeOrganization(META, [
      {
        account: { id: '333333333333', name: 'legacy', status: 'ACTIVE' },
        status: 'not-entered',
        reason: 'sts:AssumeRole in us-east-1 answered AccessDenied',
      },
      scanned('222222222222', 3),
    ]);
    expect(formatOrganizationSummary(summary)).toBe(
      [
        'Organization o-abc123 (management account 111111111111), role OrganizationAccountAccessRole',
        '  222222222222 account-2: scanned (assumed role), 3 failed, 0 errors',
        '  333333333333 legacy: not-entered — sts:AssumeRole in us-east-1 answered AccessDenied',
        '1 of 2 accounts scanned, 3 failed findings; 1 not entered, 0 failed, 0 inactive.',
        '',
      ].join('\n'),
    );
  });
});
