import { verdicts } from '../../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import {
  ADMINISTRATOR_ACCESS,
  ADMINISTRATOR_ATTACHMENT,
  iamGroup,
  inlinePolicy,
  runOnPrincipals,
} from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_administrator_access';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_administrator_access', () => {
  test('finds an administrator through a group and through a NotAction statement, not a read-only user', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('via-group', { groups: ['admins'] }),
          iamUser('not-action', {
            inlinePolicies: [
              inlinePolicy('all', { Effect: 'Allow', NotAction: 'prowler:action', Resource: '*' }),
            ],
          }),
          iamUser('reader', {
            inlinePolicies: [
              inlinePolicy('read', {
                Effect: 'Allow',
                Action: ['s3:Get*', 's3:List*'],
                Resource: '*',
              }),
            ],
          }),
        ],
        groups: [iamGroup('admins', { attachedPolicies: [ADMINISTRATOR_ATTACHMENT] })],
        policies: [ADMINISTRATOR_ACCESS],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'via-group'],
      ['FAIL', 'not-action'],
      ['PASS', 'reader'],
    ]);
    expect(findings[0]?.message).toContain('managed policy AdministratorAccess via group admins');
    expect(findings[0]?.compliance['cis-aws-5.0']).toEqual(['1.15']);
  });

  test('a boundary that caps an admin policy is not flagged', () => {
    const boundary = managedPolicy('s3-only', {
      document: policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    });
    const findings = run(
      authorizationDetails({
        roles: [
          iamRole('capped', {
            attachedPolicies: [ADMINISTRATOR_ATTACHMENT],
            permissionsBoundaryArn: boundary.arn,
          }),
        ],
        policies: [ADMINISTRATOR_ACCESS, boundary],
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'capped']]);
  });

  test('a conditional administrator is reported at lower severity', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('mfa', {
            inlinePolicies: [
              inlinePolicy('all', {
                ...ADMIN_STATEMENT,
                Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
              }),
            ],
          }),
        ],
      }),
    );
    expect(findings.map((f) => [f.status, f.severity])).toEqual([['FAIL', 'high']]);
  });
});
