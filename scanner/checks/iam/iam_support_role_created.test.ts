import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole, iamUser } from '../../../test/fixtures/resources';
import check from './iam_support_role_created';

const support = (partition: string) => [
  { name: 'AWSSupportAccess', arn: `arn:${partition}:iam::aws:policy/AWSSupportAccess` },
];

describe('iam_support_role_created', () => {
  test.each(['aws', 'aws-cn', 'aws-us-gov'])(
    'passes when a role holds AWSSupportAccess in the %s partition, naming it',
    (partition) => {
      const details = authorizationDetails({
        roles: [iamRole('ops'), iamRole('support', { attachedPolicies: support(partition) })],
      });
      const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
      expect(verdicts(findings)).toEqual([['PASS', '123456789012']]);
      expect(findings[0]).toMatchObject({
        region: 'global',
        resourceType: 'AwsAccount',
        message: 'Account 123456789012 has roles with AWSSupportAccess attached: support.',
      });
    },
  );

  test('fails when only a user holds AWSSupportAccess', () => {
    const details = authorizationDetails({
      users: [iamUser('helpdesk', { attachedPolicies: support('aws') })],
      roles: [iamRole('ops')],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toBe(
      'Account 123456789012 has no role with the AWS-managed policy AWSSupportAccess attached.',
    );
  });

  test('fails rather than being not applicable in an account without roles', () => {
    expect(
      verdicts(
        runCheck(check, inventoryOf({ global: { authorizationDetails: authorizationDetails() } })),
      ),
    ).toEqual([['FAIL', '123456789012']]);
  });

  test('does not mistake a customer policy named AWSSupportAccess for the AWS one', () => {
    const lookalike = [
      { name: 'AWSSupportAccess', arn: 'arn:aws:iam::123456789012:policy/AWSSupportAccess' },
    ];
    const details = authorizationDetails({
      roles: [iamRole('support', { attachedPolicies: lookalike })],
    });
    expect(
      verdicts(runCheck(check, inventoryOf({ global: { authorizationDetails: details } }))),
    ).toEqual([['FAIL', '123456789012']]);
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
