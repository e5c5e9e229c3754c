import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { CompleteStack } from '../../examples/complete/stack';
import {
  CHECK_RESULT_SCRIPT,
  INVOKE_STEP,
} from '../../modules/config-remediation/remediation-document';
import * as isolation from '../../responders/isolate-ec2-instance/handler';
import * as revocation from '../../responders/revoke-access-key/handler';
import * as scan from '../../scanner/scheduled/handler';
import ec2Finding from '../fixtures/events/guardduty-ec2-finding.json';
import iamFinding from '../fixtures/events/guardduty-iam-anomalous-behavior.json';
import scheduledEvent from '../fixtures/events/scheduled-event.json';
import { configRuleEvent } from '../fixtures/config-rule-event';
import { seedCompromisedUser, type SeededUser } from '../bench/revoke-seed';
import { synthesizeStack } from '../../examples/terraform-stack';
import { withEnvironment } from '../helpers/environment';
import { findMotoPython } from '../../lib/emulator/moto-server';
import { CLOSED_ENDPOINT } from '../helpers/closed-endpoint';
import { useMotoServer } from '../helpers/moto-jest';
import {
  seedPlumbing,
  seedWebServer,
  type SeededInstance,
  type SeededPlumbing,
} from './isolate-ec2-instance.seed';

/**
 * The responders and the scheduled scan as the complete example deploys them, invoked in process
 * with the events AWS sends: GuardDuty findings as EventBridge delivers them through the deployed
 * rules (moto matches the rules' patterns and delivers to a queue), the payloads the deployed
 * SSM Automation documents build, and a scheduled event. Each function runs with the environment
 * the module gives it, read from the synthesized configuration.
 */
jest.setTimeout(120_000);

const moto = useMotoServer();
const work = mkdtempSync(join(tmpdir(), 'pyjamas-automatic-response-'));

/** What the complete example deploys in its home region, read from its Terraform JSON. */
interface Deployed {
  readonly eventPatterns: Record<string, string>;
  readonly scheduleRules: string[];
  readonly documents: Record<
    string,
    { mainSteps: { name: string; inputs: Record<string, unknown> }[] }
  >;
  readonly environments: Record<string, Record<string, string>>;
}

function readDeployed(): Deployed {
  const folder = synthesizeStack(
    join(work, 'cdktf.out'),
    (app) =>
      new CompleteStack(app, 'pyjamas-complete', {
        regions: [{ region: 'us-east-1' }],
        emulatorEndpoint: moto.server.endpoint,
      }),
  );
  const resources = (
    JSON.parse(readFileSync(join(folder, 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    }
  ).resource;
  const all = (type: string) => Object.values(resources[type] ?? {});
  return {
    eventPatterns: Object.fromEntries(
      all('aws_cloudwatch_event_rule')
        .filter((rule) => rule.event_pattern)
        // Terraform puts the account id in at apply time; here it is moto's account.
        .map((rule) => [
          rule.name as string,
          (rule.event_pattern as string).replace(
            /\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}/g,
            '123456789012',
          ),
        ]),
    ),
    scheduleRules: all('aws_cloudwatch_event_rule')
      .filter((rule) => rule.schedule_expression)
      .map((rule) => rule.name as string),
    documents: Object.fromEntries(
      all('aws_ssm_document').map((document) => [
        document.name as string,
        JSON.parse(document.content as string),
      ]),
    ),
    environments: Object.fromEntries(
      all('aws_lambda_function').map((fn) => [
        fn.function_name as string,
        (fn.environment as { variables: Record<string, string> }).variables,
      ]),
    ),
  };
}

let deployed: Deployed;
let plumbing: SeededPlumbing;
let suspect: SeededInstance;
let tagged: SeededInstance;
let alice: SeededUser;
let bob: SeededUser;
let topicArn: string;
let noticesUrl: string;

/**
 * The function's environment with the module's references resolved to what was seeded here,
 * each checked to point at the plumbing resource it should.
 */
function environmentOf(
  functionName: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const references: Record<string, [RegExp, () => string]> = {
    PYJAMAS_EVIDENCE_BUCKET: [
      /^\$\{aws_s3_bucket\.plumbing_evidence_bucket_\w+\.bucket\}$/,
      () => plumbing.bucket,
    ],
    PYJAMAS_REPORT_BUCKET: [
      /^\$\{aws_s3_bucket\.plumbing_evidence_bucket_\w+\.bucket\}$/,
      () => plumbing.bucket,
    ],
    PYJAMAS_NOTIFY_TOPIC_ARN: [
      /^\$\{aws_sns_topic\.plumbing_trail_alarm-topic_\w+\.arn\}$/,
      () => topicArn,
    ],
    PYJAMAS_REPORT_TOPIC_ARN: [
      /^\$\{aws_sns_topic\.plumbing_trail_alarm-topic_\w+\.arn\}$/,
      () => topicArn,
    ],
    PYJAMAS_QUARANTINE_PROFILE: [
      /^\$\{aws_iam_instance_profile\.plumbing_quarantine-profile_instance-profile_\w+\.name\}$/,
      () => 'pyjamas-quarantine',
    ],
  };
  const variables = deployed.environments[functionName];
  if (!variables) throw new Error(`the complete example deploys no function ${functionName}`);
  const resolved = Object.entries(variables).map(([name, value]) => {
    if (!value.startsWith('${')) return [name, value];
    const reference = references[name];
    if (!reference) throw new Error(`${functionName}: no seeded value for ${name}=${value}`);
    expect(value).toMatch(reference[0]);
    return [name, reference[1]()];
  });
  return { ...Object.fromEntries(resolved), ...overrides };
}

/** Runs `invoke` with the function's environment, as Lambda would, and restores the process's. */
function asDeployed<T>(
  functionName: string,
  overrides: Record<string, string>,
  invoke: () => Promise<T>,
): Promise<T> {
  return withEnvironment(environmentOf(functionName, overrides), invoke);
}

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const sqs = moto.client(SQSClient);
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl as string;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: Attributes?.QueueArn as string };
}

/** The messages waiting in a queue, removed from it. */
async function drain(url: string): Promise<string[]> {
  const sqs = moto.client(SQSClient);
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
  );
  if (Messages.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
  return Messages.map((message) => message.Body ?? '');
}

/** Subjects of the notices the responders sent to the topic since the last look. */
async function notices(): Promise<string[]> {
  return (await drain(noticesUrl)).map((body) => (JSON.parse(body) as { Subject: string }).Subject);
}

async function groupsOf(instanceId: string): Promise<string[][]> {
  const { NetworkInterfaces } = await moto.client(EC2Client).send(
    new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
    }),
  );
  return (NetworkInterfaces ?? []).map((eni) =>
    (eni.Groups ?? []).map((group) => group.GroupId ?? ''),
  );
}

async function keyStatus(user: SeededUser, key: string): Promise<string | undefined> {
  const { AccessKeyMetadata } = await moto
    .client(IAMClient)
    .send(new ListAccessKeysCommand({ UserName: user.userName }));
  return AccessKeyMetadata?.find((candidate) => candidate.AccessKeyId === key)?.Status;
}

/** The payload the document's invoke step sends, with its parameter bound to the resource id as Config binds RESOURCE_ID. */
function documentPayload(documentName: string, parameter: string, resourceId: string): unknown {
  const step = deployed.documents[documentName]?.mainSteps.find(
    (candidate) => candidate.name === INVOKE_STEP,
  );
  if (!step)
    throw new Error(
      `the complete example deploys no document ${documentName} with a ${INVOKE_STEP} step`,
    );
  return JSON.parse(
    JSON.stringify(step.inputs.InputPayload).replaceAll(`{{ ${parameter} }}`, resourceId),
  );
}

/** Runs the document's check step (Python, as aws:executeScript would) on a function's answer. */
function checkStep(payload: string): { code: number | null; output: string } {
  const harness = `${CHECK_RESULT_SCRIPT}\nimport sys\nprint(json.dumps(check({'Payload': sys.argv[1]}, None)))\n`;
  const run = spawnSync(findMotoPython(), ['-c', harness, payload], { encoding: 'utf8' });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The error document Lambda returns as the payload when a Node.js handler throws. */
async function lambdaAnswer(invoke: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await invoke());
  } catch (error) {
    return JSON.stringify({
      errorType: (error as Error).name,
      errorMessage: (error as Error).message,
      trace: [],
    });
  }
}

beforeAll(async () => {
  // The revocation functions log each result as one JSON line, as Lambda keeps it; not here.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  deployed = readDeployed();
  plumbing = await seedPlumbing(moto);
  suspect = await seedWebServer(moto, plumbing, 'suspect', {
    autoScaling: false,
    targetGroup: false,
  });
  tagged = await seedWebServer(moto, plumbing, 'tagged', {
    autoScaling: false,
    targetGroup: false,
  });
  alice = await seedCompromisedUser(moto.client(IAMClient), 'alice');
  bob = await seedCompromisedUser(moto.client(IAMClient), 'bob');
  topicArn = (
    await moto.client(SNSClient).send(new CreateTopicCommand({ Name: 'pyjamas-security-alarms' }))
  ).TopicArn as string;
  const inbox = await queue('notices');
  noticesUrl = inbox.url;
  await moto
    .client(SNSClient)
    .send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: inbox.arn }));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('GuardDuty findings through the deployed EventBridge rules', () => {
  const delivered: Record<string, Record<string, unknown>[]> = {};
  const inboxes: Record<string, string> = {};

  beforeAll(async () => {
    const events = moto.client(EventBridgeClient);
    for (const [rule, pattern] of Object.entries(deployed.eventPatterns)) {
      const target = await queue(rule);
      await events.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
      await events.send(
        new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'inbox', Arn: target.arn }] }),
      );
      inboxes[rule] = target.url;
    }
    const finding = (
      sample: { detail: Record<string, unknown> },
      detail: Record<string, unknown>,
    ) => ({
      Source: 'aws.guardduty',
      DetailType: 'GuardDuty Finding',
      Detail: JSON.stringify({ ...sample.detail, ...detail }),
    });
    const instanceDetails = {
      ...ec2Finding.detail.resource.instanceDetails,
      instanceId: suspect.instanceId,
    };
    const accessKeyDetails = {
      ...iamFinding.detail.resource.accessKeyDetails,
      accessKeyId: alice.compromisedKey,
      userName: alice.userName,
    };
    await events.send(
      new PutEventsCommand({
        Entries: [
          finding(ec2Finding, { resource: { ...ec2Finding.detail.resource, instanceDetails } }),
          finding(iamFinding, {
            severity: 8,
            resource: { ...iamFinding.detail.resource, accessKeyDetails },
          }),
          // A member's finding on an administrator's bus: another account's resource, routed nowhere.
          finding(ec2Finding, {
            id: 'member0account0finding',
            accountId: '222222222222',
            resource: { ...ec2Finding.detail.resource, instanceDetails },
          }),
          // Medium severity: below the default minimum of 7, routed nowhere.
          finding(iamFinding, {
            id: 'low0severity0finding',
            resource: { ...iamFinding.detail.resource, accessKeyDetails },
          }),
        ],
      }),
    );
    for (const [rule, url] of Object.entries(inboxes))
      delivered[rule] = (await drain(url)).map(
        (body) => JSON.parse(body) as Record<string, unknown>,
      );
  });

  test("EC2 findings of this account reach isolation only, access-key findings of severity 7 and above revocation only, a member account's finding nothing", () => {
    expect(Object.keys(deployed.eventPatterns).sort()).toEqual([
      'pyjamas-guardduty-isolate-instance',
      'pyjamas-guardduty-revoke-access-key',
    ]);
    const typeOf = (event: Record<string, unknown>) =>
      (event.detail as { type: string; severity: number }).type;
    expect(delivered['pyjamas-guardduty-isolate-instance']?.map(typeOf)).toEqual([
      'Backdoor:EC2/C&CActivity.B',
    ]);
    expect(delivered['pyjamas-guardduty-revoke-access-key']?.map(typeOf)).toEqual([
      'Discovery:IAMUser/AnomalousBehavior',
    ]);
    expect(delivered['pyjamas-guardduty-revoke-access-key']?.[0]).toMatchObject({
      'detail-type': 'GuardDuty Finding',
      source: 'aws.guardduty',
      detail: { severity: 8 },
    });
  });

  test('as deployed (dry run), isolation plans, changes nothing and says so', async () => {
    const event = delivered['pyjamas-guardduty-isolate-instance']?.[0];
    const result = await asDeployed('pyjamas-isolate-guardduty', {}, () =>
      isolation.guardDutyHandler(event),
    );
    expect(result).toMatchObject({
      instanceId: suspect.instanceId,
      dryRun: true,
      outcome: 'dry-run',
      caseId: 'GD-16afba5c5c43e07c9e3e5e2e544e95df',
    });
    expect(await groupsOf(suspect.instanceId)).toEqual([
      [plumbing.workloadGroupId],
      [plumbing.workloadGroupId],
    ]);
    expect(await notices()).toEqual([
      `[pyjamas] isolate-ec2-instance ${suspect.instanceId}: dry-run (dry run)`,
    ]);
  });

  test('enforced, isolation moves every interface of the instance to the isolation group', async () => {
    const event = delivered['pyjamas-guardduty-isolate-instance']?.[0];
    const result = await asDeployed('pyjamas-isolate-guardduty', { PYJAMAS_ENFORCE: 'true' }, () =>
      isolation.guardDutyHandler(event),
    );
    expect(result).toMatchObject({
      dryRun: false,
      outcome: 'succeeded',
      containment: expect.stringMatching(/^soft/),
      evidence: expect.stringMatching(/^s3:\/\/pyjamas-evidence-test\/cases\/GD-/),
    });
    expect(await groupsOf(suspect.instanceId)).toEqual([
      [plumbing.isolationGroupId],
      [plumbing.isolationGroupId],
    ]);
    expect(await notices()).toEqual([
      `[pyjamas] isolate-ec2-instance ${suspect.instanceId}: succeeded (enforced)`,
    ]);
  });

  test("enforced, revocation deactivates the finding's key and leaves the other", async () => {
    const event = delivered['pyjamas-guardduty-revoke-access-key']?.[0];
    const result = await asDeployed('pyjamas-revoke-guardduty', { PYJAMAS_ENFORCE: 'true' }, () =>
      revocation.guardDutyHandler(event),
    );
    expect(result).toMatchObject({
      accessKeyId: alice.compromisedKey,
      dryRun: false,
      contained: true,
    });
    expect(await keyStatus(alice, alice.compromisedKey)).toBe('Inactive');
    expect(await keyStatus(alice, alice.otherKey)).toBe('Active');
    expect(await notices()).toEqual([
      `[pyjamas] revoke-access-key ${alice.compromisedKey}: ${result.outcome} (enforced)`,
    ]);
  });
});

describe('Config remediations through the deployed SSM documents', () => {
  test('tagging an instance pyjamas:quarantine=<case> isolates it under that case', async () => {
    await moto.client(EC2Client).send(
      new CreateTagsCommand({
        Resources: [tagged.instanceId],
        Tags: [{ Key: 'pyjamas:quarantine', Value: 'IR-77' }],
      }),
    );
    const payload = documentPayload(
      'pyjamas-IsolateQuarantinedInstance',
      'InstanceId',
      tagged.instanceId,
    );
    expect(payload).toEqual({
      ResourceId: tagged.instanceId,
      ConfigRuleName: 'pyjamas-quarantined-instance-isolated',
    });
    const answer = await lambdaAnswer(() =>
      asDeployed('pyjamas-isolate-config', { PYJAMAS_ENFORCE: 'true' }, () =>
        isolation.configRemediationHandler(payload),
      ),
    );
    expect(JSON.parse(answer)).toMatchObject({ caseId: 'IR-77', outcome: 'succeeded' });
    expect(await groupsOf(tagged.instanceId)).toEqual([
      [plumbing.isolationGroupId],
      [plumbing.isolationGroupId],
    ]);
    const { Reservations } = await moto
      .client(EC2Client)
      .send(new DescribeInstancesCommand({ InstanceIds: [tagged.instanceId] }));
    expect(Reservations?.[0]?.Instances?.[0]?.Tags).toContainEqual({
      Key: 'pyjamas:case-id',
      Value: 'IR-77',
    });
    expect(checkStep(answer)).toEqual({
      code: 0,
      output: '{"outcome": "succeeded", "caseId": "IR-77"}\n',
    });
    expect(await notices()).toEqual([
      `[pyjamas] isolate-ec2-instance ${tagged.instanceId}: succeeded (enforced)`,
    ]);
  });

  test('tagging a user pyjamas:compromised-key=<key> revokes that key, found from the unique id Config passes', async () => {
    const iam = moto.client(IAMClient);
    await iam.send(
      new TagUserCommand({
        UserName: bob.userName,
        Tags: [{ Key: 'pyjamas:compromised-key', Value: bob.compromisedKey }],
      }),
    );
    const userId = (await iam.send(new GetUserCommand({ UserName: bob.userName }))).User
      ?.UserId as string;
    const payload = documentPayload('pyjamas-RevokeCompromisedKey', 'UserId', userId);
    const answer = await lambdaAnswer(() =>
      asDeployed('pyjamas-revoke-config', { PYJAMAS_ENFORCE: 'true' }, () =>
        revocation.configRemediationHandler(payload),
      ),
    );
    expect(JSON.parse(answer)).toMatchObject({
      accessKeyId: bob.compromisedKey,
      caseId: `config-${bob.compromisedKey}`,
      contained: true,
    });
    expect(await keyStatus(bob, bob.compromisedKey)).toBe('Inactive');
    expect(await keyStatus(bob, bob.otherKey)).toBe('Active');
    expect(checkStep(answer).code).toBe(0);
    // moto has no CloudTrail LookupEvents: the evidence steps fail and the run is degraded, not failed.
    expect(await notices()).toEqual([
      `[pyjamas] revoke-access-key ${bob.compromisedKey}: degraded (enforced)`,
    ]);
  });

  test('the check step fails the automation when the responder failed, so that Config retries', async () => {
    const payload = documentPayload(
      'pyjamas-IsolateQuarantinedInstance',
      'InstanceId',
      'i-0000000000000dead',
    );
    const answer = await lambdaAnswer(() =>
      asDeployed('pyjamas-isolate-config', {}, () => isolation.configRemediationHandler(payload)),
    );
    const check = checkStep(answer);
    expect(check.code).not.toBe(0);
    expect(check.output).toContain(
      'the responder failed (FunctionError): UsageError: instance i-0000000000000dead does not exist in us-east-1',
    );
    expect(await notices()).toEqual([
      '[pyjamas] isolate-ec2-instance i-0000000000000dead: error (dry run)',
    ]);
  });
});

describe('the scheduled scan on the deployed schedule', () => {
  test('files the reports in the evidence bucket and tells the topic', async () => {
    expect(deployed.scheduleRules).toEqual(['pyjamas-scheduled-scan']);
    expect(scheduledEvent.resources).toEqual([
      'arn:aws:events:us-east-1:123456789012:rule/pyjamas-scheduled-scan',
    ]);
    const result = await asDeployed(
      'pyjamas-scheduled-scan',
      { PYJAMAS_SCAN_REGIONS: 'us-east-1' },
      () => scan.handler(scheduledEvent),
    );
    expect(result.folder).toMatch(/^scans\/123456789012\/\d{8}T\d{9}Z\/$/);
    const { Contents } = await moto
      .client(S3Client)
      .send(new ListObjectsV2Command({ Bucket: plumbing.bucket, Prefix: result.folder }));
    expect(Contents?.map((object) => object.Key).sort()).toEqual([
      `${result.folder}report.html`,
      `${result.folder}report.json`,
      `${result.folder}report.ocsf.json`,
    ]);
    expect(await notices()).toEqual([`Pyjamas scan of 123456789012: ${result.failed} failed`]);
  });
});

describe('bad events', () => {
  // Each handler runs in a fresh module with every AWS endpoint on a closed port: a call made
  // before the event is rejected would fail with a connection error instead.
  type Handlers = { isolation: typeof isolation; revocation: typeof revocation; scan: typeof scan };
  const handlers = (): Handlers => {
    let loaded: Handlers | undefined;
    jest.isolateModules(() => {
      loaded = {
        isolation: jest.requireActual('../../responders/isolate-ec2-instance/handler'),
        revocation: jest.requireActual('../../responders/revoke-access-key/handler'),
        scan: jest.requireActual('../../scanner/scheduled/handler'),
      };
    });
    return loaded as Handlers;
  };

  test.each<[string, string, (h: Handlers) => Promise<unknown>, RegExp]>([
    [
      'isolation given an access-key finding',
      'pyjamas-isolate-guardduty',
      (h: Handlers) => h.isolation.guardDutyHandler(iamFinding),
      /about a "AccessKey" resource/,
    ],
    [
      'isolation given a malformed instance id',
      'pyjamas-isolate-config',
      (h: Handlers) => h.isolation.configRemediationHandler({ ResourceId: 'i-; reboot' }),
      /is not an EC2 instance id/,
    ],
    [
      'revocation given an instance finding',
      'pyjamas-revoke-guardduty',
      (h: Handlers) => h.revocation.guardDutyHandler(ec2Finding),
      /is about a Instance, not an AccessKey/,
    ],
    [
      'revocation given a user name for the unique id',
      'pyjamas-revoke-config',
      (h: Handlers) => h.revocation.configRemediationHandler({ ResourceId: 'bob' }),
      /is not the unique id of an IAM user/,
    ],
    [
      'the quarantine rule given an IAM user',
      'pyjamas-quarantine-rule',
      (h: Handlers) =>
        h.isolation.configRuleHandler(configRuleEvent({ resourceType: 'AWS::IAM::User' })),
      /judges AWS::EC2::Instance resources/,
    ],
    [
      'the scan given an S3 event',
      'pyjamas-scheduled-scan',
      (h: Handlers) => h.scan.handler({ source: 'aws.s3', 'detail-type': 'Object Created' }),
      /refusing an event from "aws.s3"/,
    ],
  ])('%s: rejected before any AWS call', async (_name, functionName, invoke, message) => {
    await expect(
      asDeployed(functionName, { AWS_ENDPOINT_URL: CLOSED_ENDPOINT, AWS_REGION: 'us-east-1' }, () =>
        invoke(handlers()),
      ),
    ).rejects.toThrow(message);
  });
});
