import { ACCOUNT, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy, runOnPrincipals } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_self_escalation';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_self_escalation', () => {
  test('finds a user that can attach policies to itself, with the granting statement', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('attacher', {
            inlinePolicies: [
              inlinePolicy('iam', {
                Effect: 'Allow',
                Action: 'iam:AttachUserPolicy',
                Resource: `arn:aws:iam::${ACCOUNT}:user/${'${aws:username}'}`,
              }),
            ],
          }),
          iamUser('reader', {
            inlinePolicies: [
              inlinePolicy('read', { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'attacher'],
      ['PASS', 'reader'],
    ]);
    expect(findings[0]?.message).toContain('iam-attach-user-policy');
    expect(findings[0]?.message).toContain('statement 0 of inline policy iam');
  });
});
