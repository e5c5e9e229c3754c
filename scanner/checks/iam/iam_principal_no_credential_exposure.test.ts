import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_credential_exposure';

const NO_ORG = { guardrails: { ok: true as const, data: null } };
const run = (details: AuthorizationDetails, extra: object = {}) =>
  runCheck(
    check,
    inventoryOf({
      global: { authorizationDetails: details, organizationPolicies: NO_ORG, ...extra },
    }),
  );

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
