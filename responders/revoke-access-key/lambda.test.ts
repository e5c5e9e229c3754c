import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccessKeyLastUsedCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import anomalous from '../../test/fixtures/events/guardduty-iam-anomalous-behavior.json';
import configPayload from '../../test/fixtures/events/config-remediation-revoke-access-key.json';
import exfiltration from '../../test/fixtures/events/guardduty-iam-instance-credential-exfiltration-outside-aws.json';
import rootUsage from '../../test/fixtures/events/guardduty-iam-root-credential-usage.json';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { configRemediationHandler, guardDutyHandler } from './handler';
import { InvalidEventError, lambdaSettings, parseConfigPayload, parseGuardDutyEvent, respondFromLambda, ResponseFailedError, type LambdaSettings } from './lambda';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);
const cloudtrail = mockClient(CloudTrailClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const s3 = mockClient(S3Client);
const ACCOUNT = '123456789012';

beforeEach(() => {
  for (const mock of [sts, iam, ec2, cloudtrail, tagging, s3]) mock.reset();
});

describe('parseGuardDutyEvent', () => {
  test('reads an instance-credential exfiltration finding: a temporary key of a role session', () => {
    expect(parseGuardDutyEvent(exfiltration)).toEqual({
      accessKeyId: 'ASIAQWERTYUIOP123456',
      caseId: 'guardduty-7ac7b1f1d5a4c0f0e8a3b2d1c0e9f8a7',
      hint: { userType: 'AssumedRole', userName: 'web-instance-role', firstSeen: '2026-05-30T10:02:41.000Z' },
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
    ['an anomalous-behavior finding about a user key', anomalous, 'AKIAQWERTYUIOP654321', 'IAMUser'],
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
    ['a finding about an instance', withDetail((d) => (d.resource = { resourceType: 'Instance' })), 'is about a Instance, not an AccessKey'],
    ['a finding without id', withDetail((d) => delete d.id), 'has no id'],
    [
      'a sample finding',
      withDetail((d) => ((d.resource as { accessKeyDetails: { accessKeyId: string } }).accessKeyDetails.accessKeyId = 'GeneratedFindingAccessKeyId')),
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
      caseId: 'config-AKIAQWERTYUIOP654321',
      trigger: { source: 'config-remediation', id: 'pyjamas-access-keys-rotated' },
    });
    expect(parseConfigPayload({ AccessKeyId: 'AKIAQWERTYUIOP654321', CaseId: 'IR-9' }).caseId).toBe('IR-9');
  });

  test.each([
    ['a list', [], 'must be a JSON object'],
    ['a missing key', { ConfigRuleName: 'x' }, 'access key id "" is not valid'],
    ['a bad case id', { AccessKeyId: 'AKIAQWERTYUIOP654321', CaseId: 'no spaces allowed' }, 'is not valid'],
    ['an empty rule name', { AccessKeyId: 'AKIAQWERTYUIOP654321', ConfigRuleName: '' }, '"ConfigRuleName" must be a non-empty string'],
  ])('rejects %s', (_, payload, message) => {
    expect(() => parseConfigPayload(payload)).toThrow(message);
  });
});

describe('lambdaSettings', () => {
  test('is a dry run that revokes no role, other key or password unless told', () => {
    expect(lambdaSettings({ AWS_REGION: 'eu-west-1', PYJAMAS_ENFORCE: 'yes' })).toEqual({
      dryRun: true,
      region: 'eu-west-1',
      revokeAssumedRoles: false,
      deactivateOtherKeys: false,
      deleteLoginProfile: false,
    });
  });

  test('reads every switch', () => {
    expect(
      lambdaSettings({
        PYJAMAS_ENFORCE: 'true',
        PYJAMAS_EVIDENCE_BUCKET: 'evidence',
        PYJAMAS_REVOKE_ASSUMED_ROLES: 'true',
        PYJAMAS_DEACTIVATE_OTHER_KEYS: 'true',
        PYJAMAS_DELETE_LOGIN_PROFILE: 'true',
      }),
    ).toEqual({ dryRun: false, region: 'us-east-1', evidenceBucket: 'evidence', revokeAssumedRoles: true, deactivateOtherKeys: true, deleteLoginProfile: true });
  });
});

describe('respondFromLambda', () => {
  const settings: LambdaSettings = { dryRun: false, region: 'us-east-1', revokeAssumedRoles: false, deactivateOtherKeys: false, deleteLoginProfile: false };
  const deps = () => ({ aws: new AwsClients({ maxAttempts: 1, env: {} }), clock: fixedClock('2026-06-01T12:00:00Z'), log: jest.fn() });

  beforeEach(() => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pyjamas-responder/lambda` });
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT });
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] });
    cloudtrail.on(LookupEventsCommand).resolves({ Events: [] });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    iam.onAnyCommand().resolves({});
    iam.on(GetAccessKeyLastUsedCommand).resolves({ UserName: 'ci-deployer', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    iam.on(GetUserCommand).resolves({ User: { UserName: 'ci-deployer', UserId: 'AIDA', Arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`, Path: '/', CreateDate: new Date() } });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAQWERTYUIOP654321', Status: 'Active' }] });
  });

  test('plans and logs but changes nothing in a dry run', async () => {
    const run = deps();
    const result = await respondFromLambda(parseGuardDutyEvent(anomalous), { ...settings, dryRun: true }, run);
    expect(result).toMatchObject({ dryRun: true, outcome: 'dry-run', contained: true, caseId: 'guardduty-4ec7b2a9f0d1e2c3b4a5968778695a4b' });
    expect(result.steps.map((step) => step.status)).toEqual(['planned', 'planned', 'planned', 'planned']);
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(0);
    expect(JSON.parse(run.log.mock.calls[0]?.[0] as string)).toMatchObject({ level: 'info', msg: 'revoke-access-key response', outcome: 'dry-run' });
  });

  test('records a root finding without acting, and goes on without an evidence bucket', async () => {
    const result = await respondFromLambda(parseGuardDutyEvent(rootUsage), settings, deps());
    expect(result).toMatchObject({ dryRun: false, outcome: 'succeeded', contained: false });
    expect(result.notes.join('\n')).toContain('is an access key of the root user');
    expect(result.evidenceProblem).toMatch(/^no evidence store: no evidence bucket tagged pyjamas:component=evidence-bucket/);
    expect(iam.calls()).toHaveLength(0);
  });

  test('throws when a containment step fails, so that Lambda and Config retry', async () => {
    iam.on(UpdateAccessKeyCommand).rejects(Object.assign(new Error('not authorized to perform iam:UpdateAccessKey'), { name: 'AccessDenied', $metadata: {} }));
    const failure = respondFromLambda(parseConfigPayload(configPayload), settings, deps());
    await expect(failure).rejects.toThrow(ResponseFailedError);
    await expect(respondFromLambda(parseConfigPayload(configPayload), settings, deps())).rejects.toThrow(
      'response to AKIAQWERTYUIOP654321 for case config-AKIAQWERTYUIOP654321 failed: deactivate-access-key-akiaqwertyuiop654321 (AccessDenied: not authorized to perform iam:UpdateAccessKey)',
    );
  });
});

describe('the handlers', () => {
  test.each([
    ['guardDutyHandler', () => guardDutyHandler({ detail: { id: 'f', resource: { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'nope' } } } })],
    ['configRemediationHandler', () => configRemediationHandler({ AccessKeyId: 'nope' })],
  ])('%s rejects a malformed event before any AWS call', async (_, invoke) => {
    await expect(invoke()).rejects.toThrow(InvalidEventError);
    expect([sts, iam, ec2, cloudtrail, tagging, s3].map((mock) => mock.calls().length)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
