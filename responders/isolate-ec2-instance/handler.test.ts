import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import { UsageError } from '../../lib/errors';
import { InvalidEventError } from '../core/lambda-flow';
import { useEnvironment } from '../../test/helpers/environment';
import { parseConfigRemediationEvent, parseGuardDutyEvent } from './events';
import { configRemediationHandler, guardDutyHandler } from './handler';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'events', name), 'utf8'),
  ) as Record<string, unknown>;
const ec2 = mockClient(EC2Client);
const sns = mockClient(SNSClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const clients = [ec2, mockClient(STSClient), tagging];
// The read's other calls of the same wave answer nothing: unmocked, they would go to the network
// and be retried as a response's calls are.
const autoScaling = mockClient(AutoScalingClient);
const classicLoadBalancing = mockClient(ElasticLoadBalancingClient);
const loadBalancing = mockClient(ElasticLoadBalancingV2Client);
const iam = mockClient(IAMClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:pyjamas-security-alarms';

beforeEach(() => {
  [...clients, sns].forEach((client) => client.reset());
  autoScaling.reset().onAnyCommand().resolves({});
  classicLoadBalancing.reset().onAnyCommand().resolves({});
  loadBalancing.reset().onAnyCommand().resolves({});
  iam.reset().onAnyCommand().resolves({});
});

describe('GuardDuty events', () => {
  test('a finding about an instance becomes a case named after the finding', () => {
    expect(parseGuardDutyEvent(fixture('guardduty-ec2-finding.json'))).toEqual({
      instanceId: 'i-99999999',
      target: 'i-99999999',
      account: '123456789012',
      caseId: 'GD-16afba5c5c43e07c9e3e5e2e544e95df',
      region: 'us-east-1',
      trigger: {
        source: 'guardduty',
        id: '16afba5c5c43e07c9e3e5e2e544e95df',
        detail: {
          type: 'Backdoor:EC2/C&CActivity.B',
          severity: 8,
          accountId: '123456789012',
          region: 'us-east-1',
          title: 'Command and Control server domain name queried by EC2 instance i-99999999.',
        },
      },
    });
  });

  const event = fixture('guardduty-ec2-finding.json');
  const detail = event.detail as Record<string, unknown>;
  test.each([
    [
      'an event of another type',
      { ...event, 'detail-type': 'AWS API Call via CloudTrail' },
      /detail-type "GuardDuty Finding"/,
    ],
    [
      'a finding about an access key',
      fixture('guardduty-iam-finding.json'),
      /about a "AccessKey" resource/,
    ],
    [
      'a malformed instance id',
      {
        ...event,
        detail: {
          ...detail,
          resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-xyz; rm -rf' } },
        },
      },
      /is not an EC2 instance id/,
    ],
    [
      'a finding without id',
      { ...event, detail: { ...detail, id: undefined } },
      /detail.id null is not a GuardDuty finding id/,
    ],
    [
      'a bad region',
      { ...event, detail: { ...detail, region: 'mars' } },
      /detail.region "mars" is not a region name/,
    ],
    ['no detail', { 'detail-type': 'GuardDuty Finding' }, /detail is missing/],
    [
      'a finding whose account is not an account id',
      { ...event, detail: { ...detail, accountId: 'acme' } },
      /the GuardDuty finding's account "acme" is not a 12-digit AWS account id/,
    ],
    ['a string', 'isolate i-1', /the event is missing or is not an object/],
  ])('rejects %s', (_name, bad, message) => {
    expect(() => parseGuardDutyEvent(bad)).toThrow(message);
  });

  test('the handler rejects a malformed event before any AWS call', async () => {
    await expect(guardDutyHandler(fixture('guardduty-iam-finding.json'))).rejects.toThrow(
      UsageError,
    );
    expect(clients.map((client) => client.calls().length)).toEqual([0, 0, 0]);
  });
});

describe('a GuardDuty finding about another account', () => {
  useEnvironment({ AWS_REGION: 'us-east-1', PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC });
  beforeEach(() => sns.on(PublishCommand).resolves({ MessageId: 'm' }));

  test('is refused before anything is read or changed, naming both accounts', async () => {
    const finding = fixture('guardduty-ec2-finding.json');
    const other = {
      ...finding,
      detail: { ...(finding.detail as Record<string, unknown>), accountId: '210987654321' },
    };
    const context = {
      invokedFunctionArn:
        'arn:aws:lambda:us-east-1:123456789012:function:pyjamas-isolate-guardduty',
    };
    const refusal = guardDutyHandler(other, context);
    await expect(refusal).rejects.toThrow(InvalidEventError);
    await expect(refusal).rejects.toThrow(
      'is about i-99999999 in account 210987654321, but this function runs in account 123456789012',
    );
    expect(clients.map((client) => client.calls().length)).toEqual([0, 0, 0]);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toBe(
      '[pyjamas] isolate-ec2-instance i-99999999: error (dry run)',
    );
  });
});

describe('Config remediation payloads', () => {
  test('takes the instance, case and rule from the payload', () => {
    expect(
      parseConfigRemediationEvent(fixture('config-remediation-isolate-instance.json')),
    ).toEqual({
      instanceId: 'i-0123456789abcdef0',
      target: 'i-0123456789abcdef0',
      caseId: 'IR-2026-042',
      trigger: { source: 'config-remediation', id: 'pyjamas-guardduty-high-severity-instance' },
    });
  });

  test('without a case id, retries of the same resource land in one case', () => {
    expect(parseConfigRemediationEvent({ ResourceId: 'i-0123456789abcdef0' }).caseId).toBe(
      'CFG-i-0123456789abcdef0',
    );
  });

  test.each([
    ['a missing resource id', {}, /"" is not an EC2 instance id/],
    [
      'a resource id of another type',
      { ResourceId: 'sg-0123456789abcdef0' },
      /is not an EC2 instance id/,
    ],
    [
      'an unknown field',
      { ResourceId: 'i-0123456789abcdef0', resourceId: 'i-1' },
      /unexpected field\(s\) resourceId/,
    ],
    [
      'a bad case id',
      { ResourceId: 'i-0123456789abcdef0', CaseId: '../etc' },
      /case id "..\/etc" is not valid/,
    ],
    [
      'a bad rule name',
      { ResourceId: 'i-0123456789abcdef0', ConfigRuleName: 'a b' },
      /ConfigRuleName "a b"/,
    ],
  ])('rejects %s', (_name, bad, message) => {
    expect(() => parseConfigRemediationEvent(bad)).toThrow(message);
  });

  test('the handler rejects a malformed payload before any AWS call', async () => {
    await expect(configRemediationHandler({ ResourceId: 'i-bad' })).rejects.toThrow(
      /is not an EC2 instance id/,
    );
    expect(clients.map((client) => client.calls().length)).toEqual([0, 0, 0]);
  });
});

describe('the Config remediation of a tagged instance', () => {
  useEnvironment({ AWS_REGION: 'us-east-1', PYJAMAS_NOTIFY_TOPIC_ARN: TOPIC });
  beforeEach(() => sns.on(PublishCommand).resolves({ MessageId: 'm' }));

  const tagged = (value: string) => ({
    Reservations: [
      {
        OwnerId: '123456789012',
        Instances: [
          {
            InstanceId: 'i-0123456789abcdef0',
            Tags: [{ Key: 'pyjamas:quarantine', Value: value }],
          },
        ],
      },
    ],
  });

  test('refuses a pyjamas:quarantine tag that names no valid case before anything changes, and tells the topic', async () => {
    ec2.on(DescribeInstancesCommand).resolves(tagged('case 42; drop'));
    await expect(configRemediationHandler({ ResourceId: 'i-0123456789abcdef0' })).rejects.toThrow(
      /the pyjamas:quarantine tag of i-0123456789abcdef0 must name the case: case id "case 42; drop" is not valid/,
    );
    expect(ec2.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual([
      'DescribeInstancesCommand',
    ]);
    const notice = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(notice?.Subject).toBe(
      '[pyjamas] isolate-ec2-instance i-0123456789abcdef0: error (dry run)',
    );
    expect(notice?.Message).toContain('Trigger:     config-remediation');
  });

  test('reads no tag when the payload names the case, goes on without an evidence bucket, and tells the topic why the response stopped', async () => {
    tagging.onAnyCommand().rejects(
      Object.assign(new Error('not authorized to perform tag:GetResources'), {
        name: 'AccessDeniedException',
        $metadata: {},
      }),
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(
      configRemediationHandler({ ResourceId: 'i-0123456789abcdef0', CaseId: 'IR-7' }),
    ).rejects.toThrow('instance i-0123456789abcdef0 does not exist in us-east-1');
    // The evidence lookup was denied; the response went on to read the instance.
    expect(tagging.calls().length).toBeGreaterThan(0);
    expect(ec2.calls().map((call) => (call.args[0] as object).constructor.name)).not.toContain(
      'ModifyNetworkInterfaceAttributeCommand',
    );
    const message = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message;
    expect(message).toContain('Case:        IR-7');
    expect(message).toContain(
      'Error: UsageError: instance i-0123456789abcdef0 does not exist in us-east-1',
    );
  });

  test('rejects a notification topic that is not an ARN before any AWS call', async () => {
    process.env.PYJAMAS_NOTIFY_TOPIC_ARN = 'alarms';
    await expect(configRemediationHandler({ ResourceId: 'i-0123456789abcdef0' })).rejects.toThrow(
      /PYJAMAS_NOTIFY_TOPIC_ARN must be an SNS topic ARN/,
    );
    expect([...clients, sns].map((client) => client.calls().length)).toEqual([0, 0, 0, 0]);
  });
});
