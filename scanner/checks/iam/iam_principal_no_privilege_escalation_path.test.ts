import { ACCOUNT, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_privilege_escalation_path';

const NO_ORG = { guardrails: { ok: true as const, data: null } };
const run = (details: AuthorizationDetails, extra: object = {}) =>
  runCheck(
    check,
    inventoryOf({
      global: { authorizationDetails: details, organizationPolicies: NO_ORG, ...extra },
    }),
  );
const ADMIN = managedPolicy('AdministratorAccess', {
  awsManaged: true,
  document: policyDocument(ADMIN_STATEMENT),
});
const admin = { name: ADMIN.name, arn: ADMIN.arn };

describe('iam_principal_no_privilege_escalation_path', () => {
  test('finds PassRole and RunInstances granted by two policies, reaching an administrator role', () => {
    const pass = managedPolicy('pass', {
      document: policyDocument({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
    });
    const run1 = managedPolicy('launch', {
      document: policyDocument({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }),
    });
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('dev', {
            attachedPolicies: [pass, run1].map((p) => ({ name: p.name, arn: p.arn })),
          }),
        ],
        roles: [
          iamRole('ec2-admin', {
            attachedPolicies: [admin],
            instanceProfileArns: [`arn:aws:iam::${ACCOUNT}:instance-profile/ec2-admin`],
            assumeRolePolicy: policyDocument({
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
          }),
        ],
        policies: [ADMIN, pass, run1],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'dev'],
      ['PASS', 'ec2-admin'],
    ]);
    expect(findings[0]?.message).toContain(
      'dev → launch an EC2 instance with an administrator instance profile (ec2-run-instances)',
    );
    expect(findings[0]?.message).toContain('managed policy pass');
    expect(findings[0]?.message).toContain('administrator as role ec2-admin');
  });
});
