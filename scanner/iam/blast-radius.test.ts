import { ACCOUNT } from '../../test/fixtures/inventory';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../test/fixtures/resources';
import { inlinePolicy } from '../../test/fixtures/iam-checks';
import { blastRadius } from './blast-radius';

const ADMIN = managedPolicy('AdministratorAccess', {
  awsManaged: true,
  document: policyDocument(ADMIN_STATEMENT),
});
const details = authorizationDetails({
  users: [
    iamUser('ci', {
      inlinePolicies: [
        inlinePolicy(
          'deploy',
          {
            Effect: 'Allow',
            Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
            Resource: '*',
          },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        ),
      ],
    }),
    iamUser('admin', { attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }] }),
  ],
  roles: [
    iamRole('lambda-admin', {
      assumeRolePolicy: policyDocument({
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }],
    }),
  ],
  policies: [ADMIN],
});

describe('blastRadius', () => {
  test('lists the escalation paths, services and unrestricted data of a leaked key owner', () => {
    const radius = blastRadius(
      { authorizationDetails: details, account: ACCOUNT, partition: 'aws' },
      `arn:aws:iam::${ACCOUNT}:user/ci`,
    );
    expect(radius.administrator).toBe('no');
    expect(radius.escalationPaths).toEqual([
      expect.stringContaining(
        'ci → create a Lambda function with an administrator role and invoke it',
      ),
    ]);
    expect(radius.services).toEqual(['iam', 'lambda', 's3']);
    expect(radius.unrestrictedData).toEqual(['s3:GetObject']);
  });

  test('says an administrator is one', () => {
    const radius = blastRadius(
      { authorizationDetails: details, account: ACCOUNT, partition: 'aws' },
      `arn:aws:iam::${ACCOUNT}:user/admin`,
    );
    expect(radius.administrator).toBe('full');
    expect(radius.escalationPaths).toEqual([]);
  });

  test('marks a principal the account does not hold as unknown', () => {
    expect(
      blastRadius(
        { authorizationDetails: details, account: ACCOUNT, partition: 'aws' },
        `arn:aws:iam::${ACCOUNT}:user/gone`,
      ).known,
    ).toBe(false);
  });
});
