import { verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole, policyDocument } from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import { runOnPrincipals } from '../../../test/fixtures/iam-checks';
import check from './iam_role_trust_not_open';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_role_trust_not_open', () => {
  test('flags trust in everyone and in another account without ExternalId, not guarded trust', () => {
    const trust = (statement: object) =>
      policyDocument({ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement });
    const findings = run(
      authorizationDetails({
        roles: [
          iamRole('open', { assumeRolePolicy: trust({ Principal: { AWS: '*' } }) }),
          iamRole('vendor', {
            assumeRolePolicy: trust({ Principal: { AWS: 'arn:aws:iam::210987654321:root' } }),
          }),
          iamRole('guarded', {
            assumeRolePolicy: trust({
              Principal: { AWS: '210987654321' },
              Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
            }),
          }),
          iamRole('lambda', {
            assumeRolePolicy: trust({ Principal: { Service: 'lambda.amazonaws.com' } }),
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'open'],
      ['FAIL', 'vendor'],
      ['PASS', 'guarded'],
      ['PASS', 'lambda'],
    ]);
  });
});
