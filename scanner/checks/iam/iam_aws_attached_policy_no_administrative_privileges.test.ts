import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import type { AuthorizationDetails } from '../../model/iam';
import { iamGroup } from '../../../test/fixtures/iam-checks';
import check from './iam_aws_attached_policy_no_administrative_privileges';

const ADMIN = managedPolicy('AdministratorAccess', {
  awsManaged: true,
  attachmentCount: 3,
  document: policyDocument(ADMIN_STATEMENT),
});
const READ_ONLY = managedPolicy('ReadOnlyAccess', { awsManaged: true });
const attachedAdmin = [{ name: ADMIN.name, arn: ADMIN.arn }];

const judge = (details: Partial<AuthorizationDetails>) =>
  runCheck(check, inventoryOf({ global: { authorizationDetails: authorizationDetails(details) } }));

describe('iam_aws_attached_policy_no_administrative_privileges', () => {
  test('fails AdministratorAccess, naming the users, groups and roles that hold it', () => {
    const findings = judge({
      users: [iamUser('alice', { attachedPolicies: attachedAdmin }), iamUser('bob')],
      groups: [iamGroup('admins', { attachedPolicies: attachedAdmin })],
      roles: [iamRole('ops', { attachedPolicies: attachedAdmin })],
      policies: [ADMIN, READ_ONLY],
    });
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'AdministratorAccess'],
      ['PASS', 'ReadOnlyAccess'],
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      region: 'global',
      resourceType: 'AwsIamPolicy',
      resourceArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      message:
        'The AWS-managed policy AdministratorAccess grants full administrator access (Allow * on *) and is attached to user alice, group admins, role ops.',
    });
    expect(findings[1]?.message).toBe(
      'The AWS-managed policy ReadOnlyAccess does not grant full administrator access (Allow * on *).',
    );
  });

  test('says so when the policy grants full administrator access only under conditions', () => {
    const mfaAdmin = {
      ...ADMIN,
      document: policyDocument({
        ...ADMIN_STATEMENT,
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } },
      }),
    };
    const [finding] = judge({
      roles: [iamRole('ops', { attachedPolicies: attachedAdmin })],
      policies: [mfaAdmin],
    });
    expect(finding).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        /\(Allow \* on \*\) under conditions and is attached to role ops\./,
      ),
    });
  });

  test('counts the holders it cannot name from the attachment count', () => {
    const [finding] = judge({ policies: [{ ...ADMIN, attachmentCount: 2 }] });
    expect(finding?.message).toMatch(
      /is attached to 2 principals missing from the authorization details\./,
    );
  });

  test('leaves customer-managed policies to their own check', () => {
    const findings = judge({
      policies: [
        managedPolicy('everything', { document: policyDocument(ADMIN_STATEMENT) }),
        READ_ONLY,
      ],
    });
    expect(verdicts(findings)).toEqual([['PASS', 'ReadOnlyAccess']]);
  });

  test('is not applicable when no AWS-managed policy is attached', () => {
    const findings = judge({ policies: [{ ...ADMIN, attachmentCount: 0 }, managedPolicy('mine')] });
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe('Account 123456789012 has no attached AWS-managed policies.');
  });

  test('reports an error naming the API when the authorization details could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { authorizationDetails: failed('iam:GetAccountAuthorizationDetails') },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
  });
});
