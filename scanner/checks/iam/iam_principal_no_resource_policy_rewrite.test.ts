import { verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy, runOnPrincipals } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_resource_policy_rewrite';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_resource_policy_rewrite', () => {
  test('flags kms:PutKeyPolicy on every key', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('keys', {
            inlinePolicies: [
              inlinePolicy('p', { Effect: 'Allow', Action: 'kms:Put*', Resource: '*' }),
            ],
          }),
          iamUser('reader', {
            inlinePolicies: [
              inlinePolicy('p', { Effect: 'Allow', Action: 'kms:Describe*', Resource: '*' }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'keys'],
      ['PASS', 'reader'],
    ]);
    expect(findings[0]?.message).toContain('kms:PutKeyPolicy');
  });
});
