import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import { iamGroup, inlinePolicy } from '../../../test/fixtures/iam-checks';
import check from './iam_inline_policy_no_administrative_privileges';

const readLogs = { Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' };

describe('iam_inline_policy_no_administrative_privileges', () => {
  test('judges each user, group and role with inline policies, naming the admin ones', () => {
    const details = authorizationDetails({
      users: [
        iamUser('alice', {
          inlinePolicies: [
            inlinePolicy('read-logs', readLogs),
            inlinePolicy('god-mode', ADMIN_STATEMENT),
          ],
        }),
        iamUser('bob'),
      ],
      groups: [iamGroup('auditors', { inlinePolicies: [inlinePolicy('read-logs', readLogs)] })],
      roles: [
        iamRole('break-glass', {
          inlinePolicies: [
            inlinePolicy('admin-with-mfa', {
              ...ADMIN_STATEMENT,
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } },
            }),
          ],
        }),
      ],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(
      findings.map((finding) => [
        finding.status,
        finding.resourceType,
        finding.resourceId,
        finding.message,
      ]),
    ).toEqual([
      [
        'FAIL',
        'AwsIamUser',
        'alice',
        'User alice has inline policies granting full administrator access (Allow * on *): god-mode.',
      ],
      [
        'PASS',
        'AwsIamGroup',
        'auditors',
        'Group auditors has inline policies (read-logs) that do not grant full administrator access (Allow * on *).',
      ],
      [
        'FAIL',
        'AwsIamRole',
        'break-glass',
        'Role break-glass has inline policies granting full administrator access (Allow * on *): admin-with-mfa (under conditions).',
      ],
    ]);
    expect(findings[2]).toMatchObject({
      severity: 'critical',
      resourceArn: 'arn:aws:iam::123456789012:role/break-glass',
    });
  });

  test('names every admin inline policy of a principal', () => {
    const role = iamRole('ops', {
      inlinePolicies: [
        inlinePolicy('a', ADMIN_STATEMENT),
        inlinePolicy('b', { Effect: 'Allow', Action: '*:*', Resource: '*' }),
      ],
    });
    const [finding] = runCheck(
      check,
      inventoryOf({ global: { authorizationDetails: authorizationDetails({ roles: [role] }) } }),
    );
    expect(finding?.message).toMatch(/: a, b\.$/);
  });

  test('is not applicable without inline policies, even when managed admin policies are attached', () => {
    const admin = managedPolicy('AdministratorAccess', {
      awsManaged: true,
      document: policyDocument(ADMIN_STATEMENT),
    });
    const details = authorizationDetails({
      users: [iamUser('alice', { attachedPolicies: [{ name: admin.name, arn: admin.arn }] })],
      policies: [admin],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe('Account 123456789012 has no inline policies.');
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
