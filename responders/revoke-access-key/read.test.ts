import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { mockedActions } from '../../test/helpers/sdk-mock';
import { CloudTrailPacer } from './cloudtrail';
import { REVOKE_ACCESS_KEY_READ_ACTIONS } from './permissions';
import { revocationDocument } from './policy';
import { describeAccessKey, type DescribeRequest } from './read';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const cloudtrail = mockClient(CloudTrailClient);

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const ASIA = 'ASIAIOSFODNN7EXAMPLE';
const ACCOUNT = '123456789012';
const clock = fixedClock('2026-06-01T12:00:00Z');
let aws: AwsClients;

const noSuchEntity = (message = 'not found') =>
  new NoSuchEntityException({ message, $metadata: {} });
const request = (overrides: Partial<DescribeRequest> = {}): DescribeRequest => ({
  accessKeyId: KEY,
  homeRegion: 'eu-west-1',
  lookbackDays: 90,
  revokeRoles: [],
  revokeAssumedRoles: false,
  ...overrides,
});
const describe_ = (overrides: Partial<DescribeRequest> = {}) =>
  describeAccessKey(aws, request(overrides), { clock, pacer: new CloudTrailPacer(clock) });

/** An IAM user alice with two keys, one inline policy, a console password and nothing else. */
function seedAlice(): void {
  iam.on(GetAccessKeyLastUsedCommand).resolves({
    UserName: 'alice',
    AccessKeyLastUsed: {
      LastUsedDate: new Date('2026-05-31T08:00:00Z'),
      ServiceName: 's3',
      Region: 'eu-west-1',
    },
  });
  iam.on(GetUserCommand).resolves({
    User: {
      UserName: 'alice',
      UserId: 'AIDAALICE',
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      Path: '/',
      CreateDate: new Date('2025-01-01T00:00:00Z'),
      Tags: [{ Key: 'team', Value: 'data' }],
    },
  });
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { AccessKeyId: KEY, Status: 'Active', CreateDate: new Date('2025-01-02T00:00:00Z') },
      { AccessKeyId: 'AKIAOTHERKEY00000001', Status: 'Active' },
    ],
  });
  iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: ['read-reports'] });
  iam.on(GetUserPolicyCommand).resolves({
    PolicyName: 'read-reports',
    PolicyDocument: encodeURIComponent('{ "Version": "2012-10-17", "Statement": [] }'),
  });
  iam.on(ListAttachedUserPoliciesCommand).resolves({
    AttachedPolicies: [
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ],
  });
  iam.on(ListGroupsForUserCommand).resolves({
    Groups: [{ GroupName: 'analysts', GroupId: 'g', Arn: 'a', Path: '/', CreateDate: new Date() }],
  });
  iam.on(GetLoginProfileCommand).resolves({
    LoginProfile: {
      UserName: 'alice',
      CreateDate: new Date('2025-02-01T00:00:00Z'),
      PasswordResetRequired: false,
    },
  });
  iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
  iam.on(GetPolicyCommand).rejects(noSuchEntity());
}

beforeEach(() => {
  for (const mock of [iam, sts, ec2, cloudtrail]) mock.reset();
  aws = new AwsClients({ maxAttempts: 1, env: {} });
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/responder/ir` });
  sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT });
  ec2
    .on(DescribeRegionsCommand)
    .resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] });
});

afterEach(() => {
  // Reading makes read-only calls, each of them in the responder's permissions.
  const unlisted = mockedActions({
    IAMClient: iam,
    STSClient: sts,
    EC2Client: ec2,
    CloudTrailClient: cloudtrail,
  }).filter((action) => !(REVOKE_ACCESS_KEY_READ_ACTIONS as readonly string[]).includes(action));
  expect(unlisted).toEqual([]);
});

describe('describeAccessKey of a long-term key', () => {
  test("reads the owning user's keys, policies, groups, console access, MFA and tags, and the key's last use", async () => {
    seedAlice();
    const d = await describe_();
    expect(d).toMatchObject({
      accessKeyId: KEY,
      temporary: false,
      readAt: '2026-06-01T12:00:00.000Z',
      homeRegion: 'eu-west-1',
      iamRegion: 'us-east-1',
      partition: 'aws',
      callerAccount: ACCOUNT,
      keyAccount: ACCOUNT,
      cloudTrailRegions: ['eu-west-1', 'us-east-1'],
      roles: [],
    });
    expect(d.owner).toEqual({
      kind: 'user',
      key: { accessKeyId: KEY, status: 'Active', createDate: '2025-01-02T00:00:00.000Z' },
      lastUsed: { date: '2026-05-31T08:00:00.000Z', service: 's3', region: 'eu-west-1' },
      user: {
        userName: 'alice',
        userId: 'AIDAALICE',
        arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        createDate: '2025-01-01T00:00:00.000Z',
        tags: { team: 'data' },
        accessKeys: [
          { accessKeyId: KEY, status: 'Active', createDate: '2025-01-02T00:00:00.000Z' },
          { accessKeyId: 'AKIAOTHERKEY00000001', status: 'Active' },
        ],
        inlinePolicies: [
          {
            name: 'read-reports',
            document: '{ "Version": "2012-10-17", "Statement": [] }',
            size: 39,
          },
        ],
        attachedPolicies: [
          { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
        groups: ['analysts'],
        loginProfile: { createDate: '2025-02-01T00:00:00.000Z', passwordResetRequired: false },
        mfaDevices: [],
        managedRevocation: null,
      },
    });
    expect(cloudtrail.calls()).toHaveLength(0);
  });

  test('reads a key that was never used as last used never, not as "N/A"', async () => {
    seedAlice();
    iam
      .on(GetAccessKeyLastUsedCommand)
      .resolves({ UserName: 'alice', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    const d = await describe_();
    expect(d.owner.kind === 'user' && d.owner.lastUsed).toEqual({ date: null });
  });

  test('reads the managed revocation policy of an earlier run: its versions, oldest first, and whether it is attached', async () => {
    seedAlice();
    const arn = `arn:aws:iam::${ACCOUNT}:policy/pyjamas/pyjamas-revoke-older-sessions-alice`;
    iam.on(GetPolicyCommand).resolves({ Policy: { Arn: arn, DefaultVersionId: 'v2' } });
    iam.on(GetPolicyVersionCommand).resolves({
      PolicyVersion: {
        VersionId: 'v2',
        Document: encodeURIComponent(revocationDocument('2026-05-31T09:00:00Z')),
      },
    });
    iam.on(ListPolicyVersionsCommand).resolves({
      Versions: [
        { VersionId: 'v2', CreateDate: new Date('2026-05-02T00:00:00Z') },
        { VersionId: 'v1', CreateDate: new Date('2026-05-01T00:00:00Z') },
      ],
    });
    iam.on(ListAttachedUserPoliciesCommand).resolves({
      AttachedPolicies: [{ PolicyName: 'pyjamas-revoke-older-sessions-alice', PolicyArn: arn }],
    });
    const d = await describe_();
    expect(d.owner.kind === 'user' && d.owner.user.managedRevocation).toEqual({
      arn,
      defaultVersionId: 'v2',
      versionIds: ['v1', 'v2'],
      document: revocationDocument('2026-05-31T09:00:00Z'),
      attached: true,
    });
  });

  test('takes a key of another account as such and reads nothing of its owner', async () => {
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: '999999999999' });
    iam
      .on(GetAccessKeyLastUsedCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: {} }));
    const d = await describe_();
    expect(d.owner).toEqual({ kind: 'other-account' });
    expect(d.keyAccount).toBe('999999999999');
    expect(iam.commandCalls(GetUserCommand)).toHaveLength(0);
  });

  test('takes a key no user owns for the root user’s when the root user has keys', async () => {
    iam.on(GetAccessKeyLastUsedCommand).rejects(noSuchEntity());
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } });
    expect((await describe_()).owner).toEqual({ kind: 'root' });
  });

  test('takes a key named for a user that does not exist the same way', async () => {
    iam
      .on(GetAccessKeyLastUsedCommand)
      .resolves({ UserName: 'root', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    iam.on(GetUserCommand).rejects(noSuchEntity());
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } });
    expect((await describe_()).owner).toEqual({ kind: 'root' });
  });

  test('takes a key no user owns, while the root user has none, for a deleted key', async () => {
    iam.on(GetAccessKeyLastUsedCommand).rejects(noSuchEntity());
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 0 } });
    expect((await describe_()).owner).toEqual({ kind: 'no-owner' });
  });

  test('trusts GuardDuty when it saw the root user sign with the key', async () => {
    expect((await describe_({ hint: { userType: 'Root' } })).owner).toEqual({ kind: 'root' });
    expect(iam.calls()).toHaveLength(0);
  });

  test('fails when the owner of a key of this account cannot be read', async () => {
    iam.on(GetAccessKeyLastUsedCommand).rejects(
      Object.assign(new Error('not authorized to perform iam:GetAccessKeyLastUsed'), {
        name: 'AccessDenied',
        $metadata: {},
      }),
    );
    await expect(describe_()).rejects.toThrow('iam:GetAccessKeyLastUsed');
  });
});

describe('describeAccessKey regions', () => {
  test('uses the regions it is given without listing them', async () => {
    seedAlice();
    expect((await describe_({ regions: ['ap-south-1'] })).cloudTrailRegions).toEqual([
      'ap-south-1',
    ]);
    expect(ec2.calls()).toHaveLength(0);
  });

  test("searches CloudTrail only in the enabled regions of the caller's partition", async () => {
    seedAlice();
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'eu-west-1' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'cn-north-1' },
        { RegionName: 'us-gov-west-1' },
        { RegionName: 'us-east-1' },
      ],
    });
    expect((await describe_()).cloudTrailRegions).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('falls back to the home and IAM regions when the enabled regions cannot be listed, and says why', async () => {
    seedAlice();
    ec2
      .on(DescribeRegionsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'UnauthorizedOperation', $metadata: {} }));
    const d = await describe_();
    expect(d.cloudTrailRegions).toEqual(['eu-west-1', 'us-east-1']);
    expect(d.regionsProblem).toBe('ec2:DescribeRegions failed (UnauthorizedOperation: no)');
  });
});

describe('describeAccessKey of a temporary key', () => {
  const roleEvent = {
    eventTime: '2026-05-30T10:00:00Z',
    eventName: 'ListBuckets',
    userIdentity: {
      type: 'AssumedRole',
      accessKeyId: ASIA,
      sessionContext: {
        sessionIssuer: { type: 'Role', userName: 'web', arn: `arn:aws:iam::${ACCOUNT}:role/web` },
      },
    },
  };

  test('finds the role from the CloudTrail events the key signed, and when it first signed', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .resolves({ Events: [{ CloudTrailEvent: JSON.stringify(roleEvent) }] });
    const d = await describe_({ accessKeyId: ASIA });
    expect(d.owner).toEqual({
      kind: 'session',
      principal: { type: 'role', roleName: 'web', source: 'cloudtrail' },
      firstSeen: '2026-05-30T10:00:00Z',
    });
    expect(iam.commandCalls(GetAccessKeyLastUsedCommand)).toHaveLength(0);
  });

  test("names the session's aws:userid from CloudTrail and reads its role, to deny that session alone", async () => {
    cloudtrail.on(LookupEventsCommand).resolves({
      Events: [
        {
          CloudTrailEvent: JSON.stringify({
            ...roleEvent,
            userIdentity: {
              ...roleEvent.userIdentity,
              principalId: 'AROAWEBROLE000000001:i-0a1b2c3d4e5f60789',
            },
          }),
        },
      ],
    });
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'web',
        Arn: `arn:aws:iam::${ACCOUNT}:role/web`,
        Path: '/',
        RoleId: 'AROAWEBROLE000000001',
        CreateDate: new Date(),
        AssumeRolePolicyDocument: '{}',
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    const d = await describe_({ accessKeyId: ASIA });
    expect(d.owner).toMatchObject({
      principal: {
        type: 'role',
        roleName: 'web',
        sessionUserId: 'AROAWEBROLE000000001:i-0a1b2c3d4e5f60789',
      },
    });
    expect(d.roles).toMatchObject([
      { roleName: 'web', reasons: ['session-of-key'], roleId: 'AROAWEBROLE000000001' },
    ]);
  });

  test('reads the role of the session when its sessions are to be revoked', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .resolves({ Events: [{ CloudTrailEvent: JSON.stringify(roleEvent) }] });
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'web',
        Arn: `arn:aws:iam::${ACCOUNT}:role/web`,
        Path: '/',
        RoleId: 'AROAWEBROLE000000001',
        CreateDate: new Date(),
        AssumeRolePolicyDocument: '{}',
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['AWSRevokeOlderSessions'] });
    iam
      .on(GetRolePolicyCommand)
      .resolves({ PolicyDocument: encodeURIComponent(revocationDocument('2026-01-01T00:00:00Z')) });
    const d = await describe_({ accessKeyId: ASIA, revokeAssumedRoles: true });
    expect(d.roles).toEqual([
      {
        roleName: 'web',
        reasons: ['issuer-of-session'],
        exists: true,
        arn: `arn:aws:iam::${ACCOUNT}:role/web`,
        roleId: 'AROAWEBROLE000000001',
        serviceLinked: false,
        inlinePolicies: [
          {
            name: 'AWSRevokeOlderSessions',
            document: revocationDocument('2026-01-01T00:00:00Z'),
            size: revocationDocument('2026-01-01T00:00:00Z').length,
          },
        ],
      },
    ]);
  });

  test('takes the principal GuardDuty names without searching CloudTrail', async () => {
    const d = await describe_({
      accessKeyId: ASIA,
      hint: { userType: 'AssumedRole', userName: 'web', firstSeen: '2026-05-30T09:00:00Z' },
    });
    expect(d.owner).toEqual({
      kind: 'session',
      principal: { type: 'role', roleName: 'web', source: 'guardduty' },
      firstSeen: '2026-05-30T09:00:00Z',
    });
    expect(cloudtrail.calls()).toHaveLength(0);
  });

  test('reads the user of a GetSessionToken session named by GuardDuty, and the key that minted it from CloudTrail', async () => {
    seedAlice();
    // moto has no LookupEvents: the answer is the record CloudTrail keeps of the minting call.
    cloudtrail.on(LookupEventsCommand).resolves({
      Events: [
        {
          CloudTrailEvent: JSON.stringify({
            eventTime: '2026-06-01T08:00:00Z',
            eventName: 'GetSessionToken',
            userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: KEY },
            responseElements: { credentials: { accessKeyId: ASIA } },
          }),
        },
      ],
    });
    const d = await describe_({
      regions: ['us-east-1'],
      accessKeyId: ASIA,
      hint: { userType: 'IAMUser', userName: 'alice' },
    });
    expect(d.owner).toMatchObject({
      kind: 'session',
      principal: {
        type: 'user',
        userName: 'alice',
        via: 'GetSessionToken',
        source: 'guardduty',
        user: { userName: 'alice' },
        mintedBy: {
          found: true,
          accessKeyId: KEY,
          eventTime: '2026-06-01T08:00:00Z',
          region: 'us-east-1',
        },
      },
    });
    // Looked up by event name, from 36 hours back: STS issues such sessions for 36 hours at most.
    expect(cloudtrail.commandCalls(LookupEventsCommand)[0]?.args[0].input).toMatchObject({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetSessionToken' }],
      StartTime: new Date('2026-05-31T00:00:00Z'),
    });
  });

  test('says why the principal is unknown when CloudTrail cannot be read anywhere', async () => {
    cloudtrail
      .on(LookupEventsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: {} }));
    const d = await describe_({ accessKeyId: ASIA });
    expect(d.owner).toEqual({
      kind: 'session',
      principal: {
        type: 'unresolved',
        reason:
          'CloudTrail LookupEvents failed in every region searched (eu-west-1: AccessDeniedException)',
      },
    });
  });

  test('says so when CloudTrail holds no event of the key', async () => {
    cloudtrail.on(LookupEventsCommand).resolves({ Events: [] });
    const d = await describe_({ accessKeyId: ASIA });
    expect(d.owner).toMatchObject({
      principal: {
        type: 'unresolved',
        reason: expect.stringContaining('holds no event signed by it'),
      },
    });
  });
});

describe('describeAccessKey of roles', () => {
  test('reads each named role once, a missing one as missing and a service-linked one as such', async () => {
    seedAlice();
    iam.on(GetRoleCommand, { RoleName: 'gone' }).rejects(noSuchEntity());
    iam.on(GetRoleCommand, { RoleName: 'AWSServiceRoleForSupport' }).resolves({
      Role: {
        RoleName: 'AWSServiceRoleForSupport',
        Path: '/aws-service-role/support.amazonaws.com/',
        Arn: 'arn',
        RoleId: 'r',
        CreateDate: new Date(),
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    const d = await describe_({ revokeRoles: ['gone', 'AWSServiceRoleForSupport', 'gone'] });
    expect(d.roles.map((role) => [role.roleName, role.exists, role.serviceLinked])).toEqual([
      ['gone', false, false],
      ['AWSServiceRoleForSupport', true, true],
    ]);
  });

  test('finds the roles the key assumed in CloudTrail before planning, and keeps those of other accounts out', async () => {
    seedAlice();
    const assumed = (roleArn: string) => ({
      CloudTrailEvent: JSON.stringify({
        eventName: 'AssumeRole',
        eventTime: '2026-05-20T00:00:00Z',
        awsRegion: 'us-east-1',
        userIdentity: { type: 'IAMUser', accessKeyId: KEY },
        requestParameters: { roleArn },
      }),
    });
    cloudtrail.on(LookupEventsCommand).resolves({
      Events: [
        assumed(`arn:aws:iam::${ACCOUNT}:role/ci/deployer`),
        assumed('arn:aws:iam::999999999999:role/x'),
      ],
    });
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'deployer',
        Path: '/ci/',
        Arn: `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
        RoleId: 'r',
        CreateDate: new Date(),
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    const d = await describe_({ revokeAssumedRoles: true });
    expect(d.roles.map((role) => [role.roleName, role.reasons])).toEqual([
      ['deployer', ['assumed-by-key']],
    ]);
    expect(d.assumedRoleLookup?.regions).toEqual([
      { region: 'eu-west-1', ok: true, events: 2, truncated: false },
      { region: 'us-east-1', ok: true, events: 2, truncated: false },
    ]);
    expect(d.assumedRoleLookup?.sessions.map((session) => session.roleArn)).toContain(
      'arn:aws:iam::999999999999:role/x',
    );
  });
});
