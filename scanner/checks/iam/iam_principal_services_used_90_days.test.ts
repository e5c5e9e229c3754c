import { ACCOUNT, daysAgo, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import { runOnPrincipals } from '../../../test/fixtures/iam-checks';
import check from './iam_principal_services_used_90_days';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_services_used_90_days', () => {
  test('lists services granted but unused for 90 days, and reports a failed read as ERROR', () => {
    const details = authorizationDetails({ users: [iamUser('alice'), iamUser('bob')] });
    const advisor = {
      [`arn:aws:iam::${ACCOUNT}:user/alice`]: {
        ok: true,
        data: [
          { namespace: 's3', name: 'Amazon S3', lastAuthenticated: daysAgo(1) },
          { namespace: 'ec2', name: 'Amazon EC2', lastAuthenticated: null },
        ],
      },
      [`arn:aws:iam::${ACCOUNT}:user/bob`]: {
        ok: false,
        error: {
          api: 'iam:GenerateServiceLastAccessedDetails',
          region: 'us-east-1',
          name: 'AccessDenied',
          message: 'no',
        },
      },
    };
    const findings = run(details, { serviceLastAccessed: advisor });
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'alice'],
      ['ERROR', 'bob'],
    ]);
    expect(findings[0]?.message).toContain('ec2');
  });
});
