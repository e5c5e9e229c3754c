import { ACCOUNT, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy, runOnPrincipals } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_passrole_any_role';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_passrole_any_role', () => {
  test('flags PassRole on every role, not PassRole scoped to one harmless role', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('wide', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: 'arn:aws:iam::*:role/*',
              }),
            ],
          }),
          iamUser('scoped', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: `arn:aws:iam::${ACCOUNT}:role/harmless`,
              }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'wide'],
      ['PASS', 'scoped'],
    ]);
  });
});
