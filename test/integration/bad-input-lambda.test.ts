import { IAMClient } from '@aws-sdk/client-iam';
import type * as isolation from '../../responders/isolate-ec2-instance/handler';
import type * as revocation from '../../responders/revoke-access-key/handler';
import ec2Finding from '../fixtures/events/guardduty-ec2-finding.json';
import iamFinding from '../fixtures/events/guardduty-iam-anomalous-behavior.json';
import { configRuleEvent } from '../fixtures/config-rule-event';
import { seedCompromisedUser } from '../bench/revoke-seed';
import { withEnvironment } from '../helpers/environment';
import { useFaultProxy } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';
import { describeRequest, mutatingRequests } from '../helpers/mutating-requests';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

jest.setTimeout(60_000);

/**
 * Bad events and settings for the Lambda handlers, in process, against moto through the fault
 * proxy, with enforcement on and a real instance and key in the account: whatever slipped past
 * the parsers would change them. Each must be refused with an error naming the problem, and the
 * proxy must have seen no mutating request (a refusal after parsing may read, e.g. STS).
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);
const ACCOUNT = '123456789012';
const CONTEXT = {
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:pyjamas-responder`,
  getRemainingTimeInMillis: () => 600_000,
};
let instanceId = '';
let keyId = '';
let bucket = '';

beforeAll(async () => {
  const plumbing = await seedPlumbing(moto);
  bucket = plumbing.bucket;
  instanceId = (await seedWebServer(moto, plumbing, 'web')).instanceId;
  keyId = (await seedCompromisedUser(moto.client(IAMClient), 'alice')).compromisedKey;
}, 60_000);

interface Handlers {
  readonly isolation: typeof isolation;
  readonly revocation: typeof revocation;
}

/** The handlers in fresh modules, so that no container state is shared between rows. */
function handlers(): Handlers {
  let loaded: Handlers | undefined;
  jest.isolateModules(() => {
    loaded = {
      isolation: jest.requireActual('../../responders/isolate-ec2-instance/handler'),
      revocation: jest.requireActual('../../responders/revoke-access-key/handler'),
    };
  });
  return loaded as Handlers;
}

/** A change to a JSON event: sets the field at a dotted path, or deletes it when `value` is undefined. */
type Change = (copy: Record<string, unknown>) => void;
const set =
  (path: string, value?: unknown): Change =>
  (copy) => {
    const names = path.split('.');
    const last = names.pop() as string;
    let node: Record<string, unknown> = copy;
    for (const name of names) node = node[name] as Record<string, unknown>;
    if (value === undefined) delete node[last];
    else node[last] = value;
  };

/** A deep copy of `event` with `changes` applied. */
function edited(event: unknown, ...changes: Change[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  for (const change of changes) change(copy);
  return copy;
}

/** The EC2 finding about the seeded instance. */
const instanceFinding = (...changes: Change[]) =>
  edited(ec2Finding, set('detail.resource.instanceDetails.instanceId', instanceId), ...changes);
/** The access key finding about the seeded key. */
const keyFinding = (...changes: Change[]) =>
  edited(
    iamFinding,
    set('detail.resource.accessKeyDetails.accessKeyId', keyId),
    set('detail.resource.accessKeyDetails.userName', 'alice'),
    ...changes,
  );

type Row = readonly [
  what: string,
  invoke: (h: Handlers) => Promise<unknown>,
  message: RegExp,
  env?: Readonly<Record<string, string>>,
];

const EVENT_ROWS: Row[] = [
  [
    'isolation given null',
    (h) => h.isolation.guardDutyHandler(null, CONTEXT),
    /the event is missing or is not an object/,
  ],
  [
    'isolation given a list',
    (h) => h.isolation.guardDutyHandler([instanceFinding()], CONTEXT),
    /the event is missing or is not an object/,
  ],
  [
    'isolation given a CloudTrail event',
    (h) =>
      h.isolation.guardDutyHandler(
        instanceFinding(set('detail-type', 'AWS API Call via CloudTrail')),
        CONTEXT,
      ),
    /expected an EventBridge event with detail-type "GuardDuty Finding", got "AWS API Call via CloudTrail"/,
  ],
  [
    'isolation given an access key finding',
    (h) => h.isolation.guardDutyHandler(keyFinding(), CONTEXT),
    /is about a "AccessKey" resource; this responder isolates EC2 instances/,
  ],
  [
    'isolation given a finding without a resource',
    (h) => h.isolation.guardDutyHandler(instanceFinding(set('detail.resource')), CONTEXT),
    /detail\.resource is missing or is not an object/,
  ],
  [
    'isolation given a malformed instance id',
    (h) =>
      h.isolation.guardDutyHandler(
        instanceFinding(set('detail.resource.instanceDetails.instanceId', 'i-; reboot')),
        CONTEXT,
      ),
    /"i-; reboot" is not an EC2 instance id/,
  ],
  [
    'isolation given an instance ARN',
    (h) =>
      h.isolation.guardDutyHandler(
        instanceFinding(
          set(
            'detail.resource.instanceDetails.instanceId',
            `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${instanceId}`,
          ),
        ),
        CONTEXT,
      ),
    /is not an EC2 instance id/,
  ],
  [
    'isolation given a traversal finding id',
    (h) =>
      h.isolation.guardDutyHandler(instanceFinding(set('detail.id', '../../cases/x')), CONTEXT),
    /detail\.id "\.\.\/\.\.\/cases\/x" is not a GuardDuty finding id/,
  ],
  [
    'isolation given a bad finding region',
    (h) =>
      h.isolation.guardDutyHandler(instanceFinding(set('detail.region', 'us-east-1a')), CONTEXT),
    /detail\.region "us-east-1a" is not a region name/,
  ],
  [
    'isolation given a bad account',
    (h) => h.isolation.guardDutyHandler(instanceFinding(set('detail.accountId', '1234')), CONTEXT),
    /account "1234" is not a 12-digit AWS account id/,
  ],
  [
    'isolation given a finding of another account',
    (h) =>
      h.isolation.guardDutyHandler(
        instanceFinding(set('detail.accountId', '210987654321')),
        CONTEXT,
      ),
    /in account 210987654321, but this function runs in account 123456789012/,
  ],
  [
    'isolation remediation with a bad ResourceId',
    (h) => h.isolation.configRemediationHandler({ ResourceId: '../i-1' }, CONTEXT),
    /"\.\.\/i-1" is not an EC2 instance id/,
  ],
  [
    'isolation remediation with a traversal CaseId',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: '../../x' }, CONTEXT),
    /case id "\.\.\/\.\.\/x" is not valid/,
  ],
  [
    'isolation remediation with an S3-unsafe CaseId',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR 1?x#y' }, CONTEXT),
    /case id "IR 1\?x#y" is not valid/,
  ],
  [
    'isolation remediation with an unknown field',
    (h) =>
      h.isolation.configRemediationHandler(
        { ResourceId: instanceId, InstanceId: instanceId },
        CONTEXT,
      ),
    /unexpected field\(s\) InstanceId in the remediation payload/,
  ],
  [
    'isolation remediation with a bad rule name',
    (h) =>
      h.isolation.configRemediationHandler(
        { ResourceId: instanceId, ConfigRuleName: 'a rule/x' },
        CONTEXT,
      ),
    /ConfigRuleName "a rule\/x" is not a Config rule name/,
  ],
  [
    'isolation remediation given a string',
    (h) => h.isolation.configRemediationHandler(instanceId, CONTEXT),
    /the remediation payload is missing or is not an object/,
  ],
  [
    'revocation given null',
    (h) => h.revocation.guardDutyHandler(null, CONTEXT),
    /has no "detail" object/,
  ],
  [
    'revocation given a CloudTrail event',
    (h) =>
      h.revocation.guardDutyHandler(
        keyFinding(set('detail-type', 'AWS API Call via CloudTrail')),
        CONTEXT,
      ),
    /expected an EventBridge event with detail-type "GuardDuty Finding"/,
  ],
  [
    'revocation given an instance finding',
    (h) => h.revocation.guardDutyHandler(instanceFinding(), CONTEXT),
    /is about a Instance, not an AccessKey/,
  ],
  [
    'revocation given a lower-case key',
    (h) =>
      h.revocation.guardDutyHandler(
        keyFinding(set('detail.resource.accessKeyDetails.accessKeyId', keyId.toLowerCase())),
        CONTEXT,
      ),
    /is not valid: expected AKIA/,
  ],
  [
    'revocation given a user id as key',
    (h) =>
      h.revocation.guardDutyHandler(
        keyFinding(set('detail.resource.accessKeyDetails.accessKeyId', 'AIDAIOSFODNN7EXAMPLE')),
        CONTEXT,
      ),
    /looks like an IAM user id/,
  ],
  [
    'revocation given a traversal finding id',
    (h) => h.revocation.guardDutyHandler(keyFinding(set('detail.id', '../x')), CONTEXT),
    /case id "guardduty-\.\.\/x" is not valid/,
  ],
  [
    'revocation given a finding of another account',
    (h) =>
      h.revocation.guardDutyHandler(keyFinding(set('detail.accountId', '210987654321')), CONTEXT),
    /in account 210987654321, but this function runs in account 123456789012/,
  ],
  [
    'revocation remediation with a bad AccessKeyId',
    (h) => h.revocation.configRemediationHandler({ AccessKeyId: 'AKIA-../x' }, CONTEXT),
    /Config remediation payload: access key id "AKIA-\.\.\/x" is not valid/,
  ],
  [
    'revocation remediation with a traversal CaseId',
    (h) => h.revocation.configRemediationHandler({ AccessKeyId: keyId, CaseId: '../x' }, CONTEXT),
    /case id "\.\.\/x" is not valid/,
  ],
  [
    'revocation remediation with both ids',
    (h) =>
      h.revocation.configRemediationHandler(
        { AccessKeyId: keyId, ResourceId: 'AIDAIOSFODNN7EXAMPLE' },
        CONTEXT,
      ),
    /names both "ResourceId" and "AccessKeyId": give one/,
  ],
  [
    'revocation remediation with a user name as ResourceId',
    (h) => h.revocation.configRemediationHandler({ ResourceId: 'alice' }, CONTEXT),
    /is not the unique id of an IAM user/,
  ],
  [
    'revocation remediation with an empty rule name',
    (h) =>
      h.revocation.configRemediationHandler({ AccessKeyId: keyId, ConfigRuleName: '' }, CONTEXT),
    /"ConfigRuleName" must be a non-empty string when given/,
  ],
  [
    'the quarantine rule given an IAM user item',
    (h) => h.isolation.configRuleHandler(configRuleEvent({ resourceType: 'AWS::IAM::User' })),
    /this rule judges AWS::EC2::Instance resources, got "AWS::IAM::User"/,
  ],
  [
    'the quarantine rule given a scheduled event',
    (h) =>
      h.isolation.configRuleHandler(
        edited(
          configRuleEvent(),
          set('invokingEvent', JSON.stringify({ messageType: 'ScheduledNotification' })),
        ),
      ),
    /invokingEvent\.messageType must be/,
  ],
  [
    'the quarantine rule given no result token',
    (h) => h.isolation.configRuleHandler(edited(configRuleEvent(), set('resultToken'))),
    /resultToken/,
  ],
  [
    'the quarantine rule given a truncated invokingEvent',
    (h) =>
      h.isolation.configRuleHandler(
        edited(
          configRuleEvent(),
          set('invokingEvent', configRuleEvent().invokingEvent.slice(0, 40)),
        ),
      ),
    /invokingEvent/,
  ],
  [
    'the compromised-key rule given an instance item',
    (h) => h.revocation.configRuleHandler(configRuleEvent({ resourceId: instanceId })),
    /AWS::IAM::User/,
  ],
  [
    'the compromised-key rule given a GuardDuty finding',
    (h) => h.revocation.configRuleHandler(keyFinding()),
    /configRuleName|invokingEvent/,
  ],
];

const SETTING_ROWS: Row[] = [
  [
    'a bad PYJAMAS_EVIDENCE_BUCKET',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR-1' }, CONTEXT),
    /PYJAMAS_EVIDENCE_BUCKET "s3:\/\/evidence" is not an S3 bucket name/,
    { PYJAMAS_EVIDENCE_BUCKET: 's3://evidence' },
  ],
  [
    'an ARN as PYJAMAS_QUARANTINE_PROFILE',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR-1' }, CONTEXT),
    /PYJAMAS_QUARANTINE_PROFILE .* is not an instance profile name/,
    { PYJAMAS_QUARANTINE_PROFILE: `arn:aws:iam::${ACCOUNT}:instance-profile/q` },
  ],
  [
    'PYJAMAS_LOCK_SNAPSHOT_DAYS 0',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR-1' }, CONTEXT),
    /PYJAMAS_LOCK_SNAPSHOT_DAYS must be a whole number of days from 1 to 36500, got "0"/,
    { PYJAMAS_LOCK_SNAPSHOT_DAYS: '0' },
  ],
  [
    'PYJAMAS_LOCK_SNAPSHOT_DAYS 36501',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR-1' }, CONTEXT),
    /PYJAMAS_LOCK_SNAPSHOT_DAYS must be a whole number of days from 1 to 36500/,
    { PYJAMAS_LOCK_SNAPSHOT_DAYS: '36501' },
  ],
  [
    'PYJAMAS_ASG_ACTION terminate',
    (h) =>
      h.isolation.configRemediationHandler({ ResourceId: instanceId, CaseId: 'IR-1' }, CONTEXT),
    /PYJAMAS_ASG_ACTION must be detach or standby, got "terminate"/,
    { PYJAMAS_ASG_ACTION: 'terminate' },
  ],
  [
    'PYJAMAS_ENFORCE yes',
    (h) => h.revocation.configRemediationHandler({ AccessKeyId: keyId }, CONTEXT),
    /PYJAMAS_ENFORCE must be "true" or "false", got "yes"/,
    { PYJAMAS_ENFORCE: 'yes' },
  ],
  [
    'a switch typed TRUE',
    (h) => h.revocation.configRemediationHandler({ AccessKeyId: keyId }, CONTEXT),
    /PYJAMAS_DEACTIVATE_OTHER_KEYS must be "true" or "false", got "TRUE"/,
    { PYJAMAS_DEACTIVATE_OTHER_KEYS: 'TRUE' },
  ],
  [
    'an AWS_REGION that is not a region',
    (h) => h.revocation.configRemediationHandler({ AccessKeyId: keyId }, CONTEXT),
    /AWS_REGION "us-east-1a" is not a region name/,
    { AWS_REGION: 'us-east-1a' },
  ],
];

describe.each([
  ['events of the wrong type or shape', EVENT_ROWS],
  ['settings', SETTING_ROWS],
])('the Lambda handlers refuse bad %s', (_, rows) => {
  const table = rows.map(
    ([what, invoke, message, env]) => [what, invoke, message, env ?? {}] as const,
  );
  test.each(table)(
    '%s: a refusal naming the problem, and no change in AWS',
    async (_what, invoke, message, env) => {
      // Prepare
      const environment = {
        AWS_ENDPOINT_URL: faults.proxy.endpoint,
        AWS_REGION: 'us-east-1',
        PYJAMAS_ENFORCE: 'true',
        PYJAMAS_EVIDENCE_BUCKET: bucket,
        ...env,
      } as Record<string, string>;

      // Act
      const refusal = withEnvironment(environment, () => invoke(handlers()));

      // Assess
      await expect(refusal).rejects.toThrow(message);
      // The handlers live in isolated modules with classes of their own, so the class is told by name.
      await expect(refusal).rejects.toMatchObject({
        name: expect.stringMatching(/^(UsageError|InvalidEventError)$/),
      });
      expect(mutatingRequests(faults.proxy.log).map(describeRequest)).toEqual([]);
    },
  );
});

test('a good event in dry run, the control, reaches moto through the proxy and changes nothing', async () => {
  // Act
  const result = await withEnvironment(
    {
      AWS_ENDPOINT_URL: faults.proxy.endpoint,
      AWS_REGION: 'us-east-1',
      PYJAMAS_ENFORCE: 'false',
      PYJAMAS_EVIDENCE_BUCKET: bucket,
    },
    () =>
      handlers().isolation.configRemediationHandler(
        { ResourceId: instanceId, CaseId: 'IR-1' },
        CONTEXT,
      ),
  );

  // Assess
  expect(result.dryRun).toBe(true);
  expect(faults.proxy.requestsOf('DescribeInstances').length).toBeGreaterThan(0);
  expect(mutatingRequests(faults.proxy.log).map(describeRequest)).toEqual([]);
});
