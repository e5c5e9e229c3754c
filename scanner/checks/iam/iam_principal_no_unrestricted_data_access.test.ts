import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_unrestricted_data_access';

const NO_ORG = { guardrails: { ok: true as const, data: null } };
const run = (details: AuthorizationDetails, extra: object = {}) =>
  runCheck(
    check,
    inventoryOf({
      global: { authorizationDetails: details, organizationPolicies: NO_ORG, ...extra },
    }),
  );

describe('iam_principal_no_unrestricted_data_access', () => {
  test('flags s3:GetObject on every bucket, not on one bucket', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('all', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::*',
              }),
            ],
          }),
          iamUser('one', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::reports/*',
              }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'all'],
      ['PASS', 'one'],
    ]);
    expect(findings[0]?.message).toContain('s3:GetObject');
  });
});
