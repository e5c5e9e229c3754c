import { verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy, runOnPrincipals } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_credential_exposure';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_credential_exposure', () => {
  test('flags keys for other users, not keys for oneself', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('helpdesk', {
            inlinePolicies: [
              inlinePolicy('p', { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }),
            ],
          }),
          iamUser('self', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 'iam:CreateAccessKey',
                Resource: 'arn:aws:iam::*:user/${aws:username}',
              }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'helpdesk'],
      ['PASS', 'self'],
    ]);
    expect(findings[0]?.message).toContain('iam:CreateAccessKey for self');
  });
});
