import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import {
  authorizationDetails,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../../test/fixtures/resources';
import { iamGroup } from '../../../test/fixtures/iam-checks';
import check from './iam_customer_attached_policy_no_administrative_privileges';

const everything = managedPolicy('everything', {
  document: policyDocument({ Effect: 'Allow', Action: '*:*', Resource: ['*'] }),
});

describe('iam_customer_attached_policy_no_administrative_privileges', () => {
  test('fails an attached customer policy granting *:* and passes a narrower one', () => {
    const ec2Admin = managedPolicy('ec2-admin', {
      document: policyDocument({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
    });
    const details = authorizationDetails({
      groups: [
        iamGroup('platform', {
          attachedPolicies: [{ name: everything.name, arn: everything.arn }],
        }),
      ],
      users: [iamUser('carol', { attachedPolicies: [{ name: ec2Admin.name, arn: ec2Admin.arn }] })],
      policies: [everything, ec2Admin],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'everything'],
      ['PASS', 'ec2-admin'],
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      resourceArn: 'arn:aws:iam::123456789012:policy/everything',
      message:
        'The customer-managed policy everything grants full administrator access (Allow * on *) and is attached to group platform.',
    });
  });

  test('does not judge unattached customer policies, which grant nothing', () => {
    const details = authorizationDetails({
      policies: [
        { ...everything, attachmentCount: 0 },
        managedPolicy('ReadOnlyAccess', { awsManaged: true }),
      ],
    });
    const findings = runCheck(check, inventoryOf({ global: { authorizationDetails: details } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe(
      'Account 123456789012 has no attached customer-managed policies.',
    );
  });

  test('reports an error naming the API when the authorization details could not be read', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { authorizationDetails: failed('iam:GetAccountAuthorizationDetails') },
      }),
    );
    expect(verdicts(findings)).toEqual([['ERROR', '123456789012']]);
    expect(findings[0]?.message).toMatch(/iam:GetAccountAuthorizationDetails failed/);
  });
});
