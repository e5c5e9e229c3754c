import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import anomalous from '../../test/fixtures/events/guardduty-iam-anomalous-behavior.json';
import configPayload from '../../test/fixtures/events/config-remediation-revoke-access-key.json';
import exfiltration from '../../test/fixtures/events/guardduty-iam-instance-credential-exfiltration-outside-aws.json';
import rootUsage from '../../test/fixtures/events/guardduty-iam-root-credential-usage.json';
import { useEnvironment } from '../../test/helpers/environment';
import { configRemediationHandler, guardDutyHandler } from './handler';
import { InvalidEventError, ResponseFailedError } from '../core/lambda-flow';
import {
  parseConfigPayload,
  parseGuardDutyEvent,
  parseUserRemediationPayload,
  revocationSettings,
} from './lambda';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);
const cloudtrail = mockClient(CloudTrailClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:pyjamas-security-alarms`;
const USER_ID = 'AIDAJQABLZS4A3QDU576Q';

beforeEach(() => {
  for (const mock of [sts, iam, ec2, cloudtrail, tagging, s3, sns]) mock.reset();
});

/** A key owner the responder can read: what every run below reads before planning. */
function seedKeyOwner(tags: { Key: string; Value: string }[] = []): void {
  sts.on(GetCallerIdentityCommand).resolves({
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pyjamas-responder/lambda`,
  });
  sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT });
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] });
  cloudtrail.on(LookupEventsCommand).resolves({ Events: [] });
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  iam.onAnyCommand().resolves({});
  iam.on(GetAccessKeyLastUsedCommand).resolves({
    UserName: 'ci-deployer',
    AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
  });
  iam.on(GetUserCommand).resolves({
    User: {
      UserName: 'ci-deployer',
      UserId: USER_ID,
      Arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
      Path: '/',
      CreateDate: new Date(),
      Tags: tags,
    },
  });
  iam
    .on(ListAccessKeysCommand)
    .resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAQWERTYUIOP654321', Status: 'Active' }] });
  iam.on(ListUsersCommand).resolves({
    Users: [
      {
        UserName: 'ci-deployer',
        UserId: USER_ID,
        Arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
        Path: '/',
        CreateDate: new Date(),
      },
    ],
  });
}

describe('parseGuardDutyEvent', () => {
  test('reads an instance-credential exfiltration finding: a temporary key of a role session', () => {
    expect(parseGuardDutyEvent(exfiltration)).toEqual({
      accessKeyId: 'ASIAQWERTYUIOP123456',
      target: 'ASIAQWERTYUIOP123456',
      account: ACCOUNT,
      caseId: 'guardduty-7ac7b1f1d5a4c0f0e8a3b2d1c0e9f8a7',
      hint: {
        userType: 'AssumedRole',
        userName: 'web-instance-role',
        principalId: 'AROAQWERTYUIOPASDFGHJ:i-0a1b2c3d4e5f60789',
        firstSeen: '2026-05-30T10:02:41.000Z',
      },
      trigger: {
        source: 'guardduty',
        id: '7ac7b1f1d5a4c0f0e8a3b2d1c0e9f8a7',
        detail: {
          type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
          severity: 8,
          accountId: ACCOUNT,
          region: 'us-east-1',
          userType: 'AssumedRole',
          userName: 'web-instance-role',
        },
      },
    });
  });

  test.each([
    [
      'an anomalous-behavior finding about a user key',
      anomalous,
      'AKIAQWERTYUIOP654321',
      'IAMUser',
    ],
    ['a root credential finding', rootUsage, 'AKIAROOTKEYEXAMPLE01', 'Root'],
  ])('reads %s', (_, event, accessKeyId, userType) => {
    const request = parseGuardDutyEvent(event);
    expect(request.accessKeyId).toBe(accessKeyId);
    expect(request.hint?.userType).toBe(userType);
  });

  const withDetail = (change: (detail: Record<string, unknown>) => void) => {
    const event = JSON.parse(JSON.stringify(anomalous)) as { detail: Record<string, unknown> };
    change(event.detail);
    return event;
  };
  test.each([
    ['an event without detail', { 'detail-type': 'GuardDuty Finding' }, 'has no "detail" object'],
    [
      'a finding about an instance',
      withDetail((d) => (d.resource = { resourceType: 'Instance' })),
      'is about a Instance, not an AccessKey',
    ],
    ['a finding without id', withDetail((d) => delete d.id), 'has no id'],
    [
      'a sample finding',
      withDetail(
        (d) =>
          ((
            d.resource as { accessKeyDetails: { accessKeyId: string } }
          ).accessKeyDetails.accessKeyId = 'GeneratedFindingAccessKeyId'),
      ),
      'sample findings name no real key',
    ],
    ['something that is not an event', 'hello', 'has no "detail" object'],
  ])('rejects %s', (_, event, message) => {
    expect(() => parseGuardDutyEvent(event)).toThrow(InvalidEventError);
    expect(() => parseGuardDutyEvent(event)).toThrow(message);
  });
});

describe('parseConfigPayload', () => {
  test('reads the SSM payload; the case defaults to the key, so retries share it', () => {
    expect(parseConfigPayload(configPayload)).toEqual({
      accessKeyId: 'AKIAQWERTYUIOP654321',
      target: 'AKIAQWERTYUIOP654321',
      caseId: 'config-AKIAQWERTYUIOP654321',
      trigger: { source: 'config-remediation', id: 'pyjamas-access-keys-rotated' },
    });
    expect(parseConfigPayload({ AccessKeyId: 'AKIAQWERTYUIOP654321', CaseId: 'IR-9' }).caseId).toBe(
      'IR-9',
    );
  });

  test.each([
    ['a list', [], 'must be a JSON object'],
    ['a missing key', { ConfigRuleName: 'x' }, 'access key id "" is not valid'],
    [
      'a bad case id',
      { AccessKeyId: 'AKIAQWERTYUIOP654321', CaseId: 'no spaces allowed' },
      'is not valid',
    ],
    [
      'an empty rule name',
      { AccessKeyId: 'AKIAQWERTYUIOP654321', ConfigRuleName: '' },
      '"ConfigRuleName" must be a non-empty string',
    ],
  ])('rejects %s', (_, payload, message) => {
    expect(() => parseConfigPayload(payload)).toThrow(message);
  });
});

describe('parseUserRemediationPayload', () => {
  test('reads the user a Config rule on AWS::IAM::User names', () => {
    expect(
      parseUserRemediationPayload({
        ResourceId: USER_ID,
        ConfigRuleName: 'pyjamas-compromised-key-inactive',
      }),
    ).toEqual({
      userId: USER_ID,
      target: `IAM user ${USER_ID}`,
      trigger: {
        source: 'config-remediation',
        id: 'pyjamas-compromised-key-inactive',
        detail: { userId: USER_ID },
      },
    });
  });

  test.each([
    [
      'a user and a key',
      { ResourceId: USER_ID, AccessKeyId: 'AKIAQWERTYUIOP654321' },
      'names both "ResourceId" and "AccessKeyId"',
    ],
    [
      'a user name instead of its id',
      { ResourceId: 'ci-deployer' },
      '"ci-deployer" is not the unique id of an IAM user',
    ],
    ['a bad case id', { ResourceId: USER_ID, CaseId: 'no spaces allowed' }, 'is not valid'],
    [
      'an empty rule name',
      { ResourceId: USER_ID, ConfigRuleName: '' },
      '"ConfigRuleName" must be a non-empty string',
    ],
  ])('rejects %s', (_, payload, message) => {
    expect(() => parseUserRemediationPayload(payload)).toThrow(message);
  });
});

describe('revocationSettings', () => {
  test('revokes no role, other key or password unless told', () => {
    expect(revocationSettings({ AWS_REGION: 'eu-west-1' })).toEqual({
      revokeAssumedRoles: false,
      deactivateOtherKeys: false,
      deleteLoginProfile: false,
      keepMintingKey: false,
    });
  });

  test('reads every switch, and refuses one that is neither true nor false', () => {
    expect(
      revocationSettings({
        PYJAMAS_REVOKE_ASSUMED_ROLES: 'true',
        PYJAMAS_DEACTIVATE_OTHER_KEYS: 'true',
        PYJAMAS_DELETE_LOGIN_PROFILE: 'true',
        PYJAMAS_KEEP_MINTING_KEY: 'true',
      }),
    ).toEqual({
      revokeAssumedRoles: true,
      deactivateOtherKeys: true,
      deleteLoginProfile: true,
      keepMintingKey: true,
    });
    expect(() => revocationSettings({ PYJAMAS_DELETE_LOGIN_PROFILE: 'yes' })).toThrow(
      'environment variable PYJAMAS_DELETE_LOGIN_PROFILE must be "true" or "false", got "yes"',
    );
  });
});

describe('the revocation handlers', () => {
  useEnvironment({ AWS_REGION: 'us-east-1', PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC });
  beforeEach(() => {
    seedKeyOwner();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.PYJAMAS_ENFORCE;
  });
  const logged = () =>
    (console.log as jest.Mock).mock.calls.map(
      (call) => JSON.parse(call[0] as string) as Record<string, unknown>,
    );

  test('plans, logs and tells the topic, but changes nothing in a dry run', async () => {
    const result = await guardDutyHandler(anomalous);
    expect(result).toMatchObject({
      responder: 'revoke-access-key',
      target: 'AKIAQWERTYUIOP654321',
      accessKeyId: 'AKIAQWERTYUIOP654321',
      dryRun: true,
      outcome: 'dry-run',
      contained: true,
      caseId: 'guardduty-4ec7b2a9f0d1e2c3b4a5968778695a4b',
    });
    expect(result.steps.map((step) => step.status)).toEqual([
      'planned',
      'planned',
      'planned',
      'planned',
    ]);
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(0);
    expect(logged()[0]).toMatchObject({
      level: 'info',
      msg: 'revoke-access-key response',
      outcome: 'dry-run',
    });
    const notice = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(notice?.Subject).toBe(
      '[pyjamas] revoke-access-key AKIAQWERTYUIOP654321: dry-run (dry run)',
    );
    expect(notice?.Message).toMatch(/Containment: /);
  });

  test('records a root finding without acting, and goes on without an evidence bucket', async () => {
    process.env.PYJAMAS_ENFORCE = 'true';
    const result = await guardDutyHandler(rootUsage);
    expect(result).toMatchObject({ dryRun: false, outcome: 'degraded', contained: false });
    expect(result.notes.join('\n')).toContain('is an access key of the root user');
    expect(result.evidenceProblem).toMatch(
      /^no evidence filed: the evidence store could not be chosen \(UsageError: no evidence bucket tagged pyjamas:component=evidence-bucket/,
    );
    expect(iam.calls()).toHaveLength(0);
  });

  test('throws when a containment step fails after telling the topic, so that Lambda and Config retry', async () => {
    process.env.PYJAMAS_ENFORCE = 'true';
    iam.on(UpdateAccessKeyCommand).rejects(
      Object.assign(new Error('not authorized to perform iam:UpdateAccessKey'), {
        name: 'AccessDenied',
        $metadata: {},
      }),
    );
    const failure = configRemediationHandler(configPayload);
    await expect(failure).rejects.toThrow(ResponseFailedError);
    await expect(failure).rejects.toThrow(
      'revoke-access-key of AKIAQWERTYUIOP654321 for case config-AKIAQWERTYUIOP654321 failed: step deactivate-access-key-akiaqwertyuiop654321 (AccessDenied: not authorized to perform iam:UpdateAccessKey)',
    );
    const message = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message;
    expect(message).toContain('Outcome:     failed');
    expect(message).toContain(
      'step deactivate-access-key-akiaqwertyuiop654321 (AccessDenied: not authorized to perform iam:UpdateAccessKey)',
    );
  });

  test('refuses a finding about another account before anything is read or changed, and says why', async () => {
    const other = JSON.parse(JSON.stringify(anomalous)) as { detail: Record<string, unknown> };
    other.detail.accountId = '210987654321';
    const context = {
      invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:pyjamas-revoke-guardduty`,
    };
    const refusal = guardDutyHandler(other, context);
    await expect(refusal).rejects.toThrow(InvalidEventError);
    await expect(refusal).rejects.toThrow(
      `is about AKIAQWERTYUIOP654321 in account 210987654321, but this function runs in account ${ACCOUNT}`,
    );
    expect([sts, iam, ec2, cloudtrail, tagging, s3].map((mock) => mock.calls().length)).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message).toContain(
      'Error: InvalidEventError: guardduty event 4ec7b2a9f0d1e2c3b4a5968778695a4b is about AKIAQWERTYUIOP654321 in account 210987654321',
    );
  });

  test('asks STS for its account when Lambda gave no function ARN', async () => {
    const other = JSON.parse(JSON.stringify(anomalous)) as { detail: Record<string, unknown> };
    other.detail.accountId = '210987654321';
    await expect(guardDutyHandler(other)).rejects.toThrow(
      `but this function runs in account ${ACCOUNT}`,
    );
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(iam.calls()).toHaveLength(0);
  });

  test('tells the topic why a request could not be resolved, then fails', async () => {
    iam.on(ListUsersCommand).resolves({ Users: [] });
    await expect(configRemediationHandler({ ResourceId: 'AIDAXXXXXXXXXXXXXXXXX' })).rejects.toThrow(
      'no IAM user has the unique id AIDAXXXXXXXXXXXXXXXXX',
    );
    const notice = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(notice?.Subject).toBe(
      '[pyjamas] revoke-access-key IAM user AIDAXXXXXXXXXXXXXXXXX: error (dry run)',
    );
    expect(notice?.Message).toContain(
      'Error: UsageError: no IAM user has the unique id AIDAXXXXXXXXXXXXXXXXX',
    );
  });
});

describe('a Config remediation of a user tagged pyjamas:compromised-key', () => {
  useEnvironment({ AWS_REGION: 'us-east-1', PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC });
  beforeEach(() => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test('responds to the key the tag names, in the case of that key', async () => {
    seedKeyOwner([{ Key: 'pyjamas:compromised-key', Value: 'AKIAQWERTYUIOP654321' }]);
    const result = await configRemediationHandler({
      ResourceId: USER_ID,
      ConfigRuleName: 'pyjamas-compromised-key-inactive',
    });
    expect(result).toMatchObject({
      accessKeyId: 'AKIAQWERTYUIOP654321',
      caseId: 'config-AKIAQWERTYUIOP654321',
      dryRun: true,
      outcome: 'dry-run',
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message).toContain(
      'Trigger:     config-remediation pyjamas-compromised-key-inactive',
    );
  });

  test('changes nothing when the tag is gone, and says why', async () => {
    seedKeyOwner();
    await expect(configRemediationHandler({ ResourceId: USER_ID })).rejects.toThrow(
      'IAM user ci-deployer has no pyjamas:compromised-key tag',
    );
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toBe(
      `[pyjamas] revoke-access-key IAM user ${USER_ID}: error (dry run)`,
    );
  });
});

describe('the handlers', () => {
  test.each([
    [
      'guardDutyHandler',
      () =>
        guardDutyHandler({
          detail: {
            id: 'f',
            resource: { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'nope' } },
          },
        }),
    ],
    ['configRemediationHandler', () => configRemediationHandler({ AccessKeyId: 'nope' })],
    [
      'configRemediationHandler for a user',
      () => configRemediationHandler({ ResourceId: 'ci-deployer' }),
    ],
  ])('%s rejects a malformed event before any AWS call', async (_, invoke) => {
    await expect(invoke()).rejects.toThrow(InvalidEventError);
    expect(
      [sts, iam, ec2, cloudtrail, tagging, s3, sns].map((mock) => mock.calls().length),
    ).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
