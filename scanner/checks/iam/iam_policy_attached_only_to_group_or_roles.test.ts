import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy } from '../../../test/fixtures/iam-checks';
import check from './iam_policy_attached_only_to_group_or_roles';

const readLogs = { Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' };

describe('iam_policy_attached_only_to_group_or_roles', () => {
  test('passes users whose permissions come from groups only', () => {
    const details = authorizationDetails({ users: [iamUser('alice', { groups: ['admins'] })] });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([['PASS', 'alice']]);
    expect(findings[0]).toMatchObject({
      resourceType: 'AwsIamUser',
      resourceArn: 'arn:aws:iam::123456789012:user/alice',
      message: 'User alice has no policies of its own.',
    });
  });

  test.each([
    [
      'a managed policy',
      {
        attachedPolicies: [
          { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
      },
      'ReadOnlyAccess (managed)',
    ],
    [
      'an inline policy',
      { inlinePolicies: [inlinePolicy('read-logs', readLogs)] },
      'read-logs (inline)',
    ],
    [
      'both',
      {
        attachedPolicies: [
          { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
        inlinePolicies: [inlinePolicy('read-logs', readLogs)],
      },
      'ReadOnlyAccess (managed), read-logs (inline)',
    ],
  ])('fails a user with %s of its own, naming it', (_, overrides, named) => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          authorizationDetails: authorizationDetails({ users: [iamUser('bob', overrides)] }),
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'bob']]);
    expect(findings[0]?.message).toBe(`User bob has policies of its own: ${named}.`);
  });

  test('is not applicable in an account without users, whatever its roles hold', () => {
    const details = authorizationDetails({
      roles: [iamRole('ops', { inlinePolicies: [inlinePolicy('read-logs', readLogs)] })],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe('Account 123456789012 has no IAM users.');
  });

  test('reports an error naming the API when the authorization details could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { authorizationDetails: failed('iam:GetAccountAuthorizationDetails') },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetAccountAuthorizationDetails failed in us-east-1/);
  });
});
