import { ACCOUNT, verdicts } from '../../../test/fixtures/inventory';
import {
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import {
  ADMINISTRATOR_ACCESS,
  ADMINISTRATOR_ATTACHMENT,
  runOnPrincipals,
} from '../../../test/fixtures/iam-checks';
import check from './iam_principal_no_privilege_escalation_path';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

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
            attachedPolicies: [ADMINISTRATOR_ATTACHMENT],
            instanceProfileArns: [`arn:aws:iam::${ACCOUNT}:instance-profile/ec2-admin`],
            assumeRolePolicy: policyDocument({
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
          }),
        ],
        policies: [ADMINISTRATOR_ACCESS, pass, run1],
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
