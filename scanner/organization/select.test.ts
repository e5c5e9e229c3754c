import { UsageError } from '../../lib/errors';
import type { MemberAccount } from './accounts';
import { selectAccounts } from './select';

const ACCOUNTS: readonly MemberAccount[] = [
  { id: '111111111111', name: 'management', status: 'ACTIVE' },
  { id: '222222222222', name: 'workloads', status: 'ACTIVE' },
  { id: '333333333333', name: 'sandbox', status: 'SUSPENDED' },
  { id: '444444444444', name: 'logs', status: 'ACTIVE' },
];

const ids = (accounts: readonly MemberAccount[]): string[] => accounts.map(({ id }) => id);

describe('selectAccounts', () => {
  test('scans every active account and sets the suspended one apart when nothing is chosen', () => {
    const selected = selectAccounts(ACCOUNTS, {});
    expect(ids(selected.toScan)).toEqual(['111111111111', '222222222222', '444444444444']);
    expect(ids(selected.inactive)).toEqual(['333333333333']);
  });

  test('keeps only the accounts named, minus the excluded ones', () => {
    const selected = selectAccounts(ACCOUNTS, {
      accounts: ['222222222222', '333333333333', '444444444444'],
      excludedAccounts: ['444444444444'],
    });
    expect(ids(selected.toScan)).toEqual(['222222222222']);
    expect(ids(selected.inactive)).toEqual(['333333333333']);
  });

  test('refuses account ids that are not in the organization, naming them', () => {
    expect(() => selectAccounts(ACCOUNTS, { accounts: ['222222222222', '999999999999'] })).toThrow(
      new UsageError(
        '--accounts names 999999999999, not in the organization; list its accounts with aws organizations list-accounts',
      ),
    );
  });

  test('refuses a selection that leaves no account', () => {
    expect(() =>
      selectAccounts(ACCOUNTS, {
        accounts: ['222222222222'],
        excludedAccounts: ['222222222222'],
      }),
    ).toThrow(UsageError);
  });
});
