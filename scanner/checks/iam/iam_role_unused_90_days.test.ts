import { daysAgo, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole } from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import { runOnPrincipals } from '../../../test/fixtures/iam-checks';
import check from './iam_role_unused_90_days';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_role_unused_90_days', () => {
  test('flags a role unused for 90 days, not a recently used or new role', () => {
    const findings = run(
      authorizationDetails({
        roles: [
          iamRole('stale', { lastUsed: daysAgo(200) }),
          iamRole('never', { lastUsed: null }),
          iamRole('busy', { lastUsed: daysAgo(3) }),
          iamRole('new', { lastUsed: null, createDate: daysAgo(10) }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'stale'],
      ['FAIL', 'never'],
      ['PASS', 'busy'],
      ['PASS', 'new'],
    ]);
  });
});
