import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListPoliciesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { accountSummary, authorizationDetails, credentialReport, passwordPolicy } from './iam';

const iam = mockClient(IAMClient);

beforeEach(() => iam.reset());

describe('the password policy collector', () => {
  test('reads a missing password policy (NoSuchEntity) as no policy', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(new NoSuchEntityException({ message: 'no policy', $metadata: {} }));
    await expect(passwordPolicy.collect(collectContext())).resolves.toBeNull();
  });

  test('reads a policy that is set, with unset fields as null or false', async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        RequireSymbols: true,
        ExpirePasswords: false,
      },
    });
    await expect(passwordPolicy.collect(collectContext())).resolves.toEqual({
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: null,
      requireSymbols: true,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      expirePasswords: false,
    });
  });

  test('lets other errors fail the slice', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: {} }));
    await expect(passwordPolicy.collect(collectContext())).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('the credential report collector', () => {
  test('waits while AWS is still generating the report', async () => {
    const csv =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date\nalice,arn:aws:iam::123456789012:user/alice,2026-01-01T00:00:00+00:00,true,no_information,2026-01-01T00:00:00+00:00,false,true,2026-01-02T00:00:00+00:00,N/A,false,N/A,N/A\n';
    const notReady = Object.assign(new Error('report in progress'), {
      name: 'ReportInProgress',
      $metadata: {},
    });
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(notReady)
      .resolves({ Content: new TextEncoder().encode(csv) });
    const report = await credentialReport.collect(collectContext());
    expect(report.users).toEqual([
      expect.objectContaining({
        user: 'alice',
        passwordEnabled: true,
        passwordLastUsed: null,
        accessKeys: [
          { active: true, lastRotated: '2026-01-02T00:00:00.000Z', lastUsedDate: null },
          { active: false, lastRotated: null, lastUsedDate: null },
        ],
      }),
    ]);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
  });
});

describe('the authorization details collector', () => {
  const allow = (action: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
  const encoded = (document: object) => encodeURIComponent(JSON.stringify(document));

  test('reads every page, following the marker', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolvesOnce({
      IsTruncated: true,
      Marker: 'page-2',
      UserDetailList: [
        {
          UserName: 'alice',
          Arn: 'arn:aws:iam::123456789012:user/alice',
          UserId: 'AIDAALICE',
          GroupList: ['admins'],
        },
      ],
    });
    iam.on(GetAccountAuthorizationDetailsCommand, { Marker: 'page-2' }).resolves({
      IsTruncated: false,
      GroupDetailList: [
        {
          GroupName: 'admins',
          Arn: 'arn:aws:iam::123456789012:group/admins',
          GroupId: 'AGPAADMINS',
        },
      ],
      RoleDetailList: [
        { RoleName: 'ops', Arn: 'arn:aws:iam::123456789012:role/ops', RoleId: 'AROAOPS' },
      ],
    });
    const details = await authorizationDetails.collect(collectContext());
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(details.users).toEqual([
      expect.objectContaining({
        name: 'alice',
        groups: ['admins'],
        attachedPolicies: [],
        inlinePolicies: [],
      }),
    ]);
    expect(details.groups.map((group) => group.name)).toEqual(['admins']);
    expect(details.roles).toEqual([
      expect.objectContaining({ name: 'ops', assumeRolePolicy: null, instanceProfileArns: [] }),
    ]);
  });

  test('decodes the URL-encoded documents of inline and trust policies', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [
        {
          UserName: 'alice',
          UserPolicyList: [
            { PolicyName: 'read logs', PolicyDocument: encoded(allow('logs:Get*')) },
          ],
        },
      ],
      RoleDetailList: [
        {
          RoleName: 'ops',
          AssumeRolePolicyDocument: encoded(trust),
          RolePolicyList: [{ PolicyName: 'all', PolicyDocument: encoded(allow('*')) }],
        },
      ],
    });
    const details = await authorizationDetails.collect(collectContext());
    expect(details.users[0]?.inlinePolicies).toEqual([
      { name: 'read logs', document: allow('logs:Get*') },
    ]);
    expect(details.roles[0]?.inlinePolicies).toEqual([{ name: 'all', document: allow('*') }]);
    expect(details.roles[0]?.assumeRolePolicy).toEqual(trust);
  });

  test('reads the default version of a managed policy wherever it sits in the version list', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      Policies: [
        {
          PolicyName: 'deploy',
          Arn: 'arn:aws:iam::123456789012:policy/deploy',
          AttachmentCount: 1,
          DefaultVersionId: 'v3',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: encoded(allow('*')) },
            { VersionId: 'v3', IsDefaultVersion: true, Document: encoded(allow('s3:PutObject')) },
            { VersionId: 'v2', IsDefaultVersion: false, Document: encoded(allow('ec2:*')) },
          ],
        },
      ],
    });
    const { policies } = await authorizationDetails.collect(collectContext());
    expect(policies).toEqual([
      {
        name: 'deploy',
        arn: 'arn:aws:iam::123456789012:policy/deploy',
        awsManaged: false,
        attachmentCount: 1,
        defaultVersionId: 'v3',
        document: allow('s3:PutObject'),
        permissionsBoundaryUsageCount: 0,
      },
    ]);
  });

  test('names a managed policy after its ARN when the answer omits PolicyName', async () => {
    const version = [{ VersionId: 'v1', IsDefaultVersion: true, Document: encoded(allow('*')) }];
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      Policies: [
        {
          Arn: 'arn:aws:iam::123456789012:policy/ops/deploy',
          AttachmentCount: 1,
          PolicyVersionList: version,
        },
      ],
    });
    const { policies } = await authorizationDetails.collect(collectContext());
    expect(policies.map((policy) => policy.name)).toEqual(['deploy']);
  });

  test('asks for the account entities only, in pages of 1,000, leaving out the 1,300 AWS managed policies', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({});
    await authorizationDetails.collect(collectContext());
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toEqual({
      Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'],
      MaxItems: 1000,
    });
    expect(iam.commandCalls(ListPoliciesCommand)).toHaveLength(0);
  });

  test('keeps unattached customer policies and ignores AWS managed ones an endpoint lists despite the filter', async () => {
    const version = [{ VersionId: 'v1', IsDefaultVersion: true, Document: encoded(allow('*')) }];
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      Policies: [
        {
          PolicyName: 'AWSSupportAccess',
          Arn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
          AttachmentCount: 0,
          PolicyVersionList: version,
        },
        {
          PolicyName: 'spare',
          Arn: 'arn:aws:iam::123456789012:policy/spare',
          AttachmentCount: 0,
          PolicyVersionList: version,
        },
      ],
    });
    const { policies } = await authorizationDetails.collect(collectContext());
    expect(
      policies.map((policy) => [policy.name, policy.awsManaged, policy.attachmentCount]),
    ).toEqual([['spare', false, 0]]);
  });

  test('reads the AWS managed policies principals use, attached or as boundary, at their default version', async () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const powerUser = 'arn:aws:iam::aws:policy/PowerUserAccess';
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [
        {
          UserName: 'alice',
          AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: admin }],
        },
      ],
      RoleDetailList: [
        { RoleName: 'ops', PermissionsBoundary: { PermissionsBoundaryArn: powerUser } },
      ],
    });
    listAttachedAdministratorAccess(admin);
    iam.on(GetPolicyCommand, { PolicyArn: powerUser }).resolves({
      Policy: {
        PolicyName: 'PowerUserAccess',
        Arn: powerUser,
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 1,
        DefaultVersionId: 'v5',
      },
    });
    iam
      .on(GetPolicyVersionCommand, { PolicyArn: admin, VersionId: 'v1' })
      .resolves({ PolicyVersion: { Document: encoded(allow('*')) } })
      .on(GetPolicyVersionCommand, { PolicyArn: powerUser, VersionId: 'v5' })
      .resolves({ PolicyVersion: { Document: encoded(allow('ec2:*')) } });

    const { policies } = await authorizationDetails.collect(collectContext());

    expect(iam.commandCalls(ListPoliciesCommand)[0]?.args[0].input).toEqual({
      Scope: 'AWS',
      OnlyAttached: true,
      MaxItems: 1000,
    });
    expect(iam.commandCalls(GetPolicyCommand).map((call) => call.args[0].input)).toEqual([
      { PolicyArn: powerUser },
    ]);
    expect(policies).toEqual([
      {
        name: 'AdministratorAccess',
        arn: admin,
        awsManaged: true,
        attachmentCount: 1,
        permissionsBoundaryUsageCount: 0,
        defaultVersionId: 'v1',
        document: allow('*'),
      },
      {
        name: 'PowerUserAccess',
        arn: powerUser,
        awsManaged: true,
        attachmentCount: 0,
        permissionsBoundaryUsageCount: 1,
        defaultVersionId: 'v5',
        document: allow('ec2:*'),
      },
    ]);
  });

  /** ListPolicies with OnlyAttached: AdministratorAccess, attached once, at v1. */
  function listAttachedAdministratorAccess(admin: string): void {
    iam.on(ListPoliciesCommand).resolves({
      Policies: [
        {
          PolicyName: 'AdministratorAccess',
          Arn: admin,
          AttachmentCount: 1,
          DefaultVersionId: 'v1',
        },
      ],
    });
  }

  /** A principal of the account with AdministratorAccess attached, as IAM lists it. */
  function attachAdministratorAccess(admin: string, to: 'user' | 'group'): void {
    const attached = [{ PolicyName: 'AdministratorAccess', PolicyArn: admin }];
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves(
        to === 'user'
          ? { UserDetailList: [{ UserName: 'alice', AttachedManagedPolicies: attached }] }
          : { GroupDetailList: [{ GroupName: 'admins', AttachedManagedPolicies: attached }] },
      );
    listAttachedAdministratorAccess(admin);
  }

  test('recognises AWS managed policies in other partitions', async () => {
    const admin = 'arn:aws-cn:iam::aws:policy/AdministratorAccess';
    attachAdministratorAccess(admin, 'group');
    iam.on(GetPolicyVersionCommand).resolves({ PolicyVersion: { Document: encoded(allow('*')) } });
    const { policies } = await authorizationDetails.collect(collectContext());
    expect(policies.map((policy) => [policy.arn, policy.awsManaged])).toEqual([[admin, true]]);
  });

  test('fails when an AWS managed policy in use cannot be read, rather than judge its principals without it', async () => {
    attachAdministratorAccess('arn:aws:iam::aws:policy/AdministratorAccess', 'user');
    iam.on(GetPolicyVersionCommand).rejects(
      Object.assign(new Error('not authorized to perform iam:GetPolicyVersion'), {
        name: 'AccessDenied',
        $metadata: {},
      }),
    );
    await expect(authorizationDetails.collect(collectContext())).rejects.toThrow(
      /iam:GetPolicyVersion/,
    );
  });
});

describe('the account summary collector', () => {
  test('keeps every counter of the summary map', async () => {
    iam
      .on(GetAccountSummaryCommand)
      .resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 4 } });
    await expect(accountSummary.collect(collectContext())).resolves.toEqual({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
      Users: 4,
    });
  });

  test('reads a response without a summary map as no counters, which the root checks report as an error', async () => {
    iam.on(GetAccountSummaryCommand).resolves({});
    await expect(accountSummary.collect(collectContext())).resolves.toEqual({});
  });
});
