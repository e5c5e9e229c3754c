import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  EnableSecurityHubCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AwsClients } from '../../lib/aws/clients';
import { DEMO_REGIONS, seedDemoAccount } from '../../examples/demo/seed';
import { seedDetectiveControls } from '../fixtures/demo-detective-controls';
import { handler } from '../../scanner/scheduled/handler';
import scheduledEvent from '../fixtures/events/scheduled-event.json';
import { CLOSED_ENDPOINT } from '../helpers/closed-endpoint';
import { useMotoServer } from '../helpers/moto-jest';

/** The handler loaded afresh, so that it builds its clients from the environment of the moment. */
function freshHandler(): typeof handler {
  let loaded: typeof handler | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<{ handler: typeof handler }>(
      '../../scanner/scheduled/handler',
    ).handler;
  });
  return loaded as typeof handler;
}

jest.setTimeout(120_000);

describe('the scheduled scan Lambda on moto', () => {
  const moto = useMotoServer();
  let queueUrl: string;

  beforeAll(async () => {
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    await seedDemoAccount(aws);
    await seedDetectiveControls(aws);
    aws.destroy();
    await moto.client(S3Client).send(new CreateBucketCommand({ Bucket: 'pyjamas-reports' }));
    const { TopicArn } = await moto
      .client(SNSClient)
      .send(new CreateTopicCommand({ Name: 'pyjamas-reports' }));
    const { QueueUrl } = await moto
      .client(SQSClient)
      .send(new CreateQueueCommand({ QueueName: 'report-inbox' }));
    queueUrl = QueueUrl ?? '';
    const { Attributes } = await moto
      .client(SQSClient)
      .send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    await moto
      .client(SNSClient)
      .send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn }));
    await moto.client(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    Object.assign(process.env, {
      PYJAMAS_REPORT_BUCKET: 'pyjamas-reports',
      PYJAMAS_SCAN_REGIONS: DEMO_REGIONS.join(','),
      PYJAMAS_REPORT_TOPIC_ARN: TopicArn,
      PYJAMAS_SECURITY_HUB: 'true',
      // moto's detectors hold no protection plans: judge GuardDuty on being enabled only, so that
      // enabling it fixes exactly one finding.
      PYJAMAS_SCAN_SETTINGS: JSON.stringify({ guardDutyFeatures: [] }),
    });
  });

  afterAll(() => {
    for (const name of [
      'PYJAMAS_REPORT_BUCKET',
      'PYJAMAS_SCAN_REGIONS',
      'PYJAMAS_REPORT_TOPIC_ARN',
      'PYJAMAS_SECURITY_HUB',
      'PYJAMAS_SCAN_SETTINGS',
    ])
      delete process.env[name];
  });

  test('files reports, then the variance against the previous run, and tells the topic each time', async () => {
    const first = await handler(scheduledEvent);
    expect(first.newFailures).toBeNull();
    expect(first.failed).toBeGreaterThan(20);

    await moto
      .client(GuardDutyClient, 'eu-west-1')
      .send(new CreateDetectorCommand({ Enable: true }));
    const second = await handler(scheduledEvent);
    expect(second.folder).not.toBe(first.folder);
    expect(second.failed).toBe(first.failed - 1);

    const { Contents } = await moto
      .client(S3Client)
      .send(new ListObjectsV2Command({ Bucket: 'pyjamas-reports' }));
    const keys = (Contents ?? []).map((object) => object.Key);
    expect(keys).toEqual(
      expect.arrayContaining([
        `${first.folder}report.json`,
        `${first.folder}report.ocsf.json`,
        `${first.folder}report.html`,
        `${second.folder}variance.json`,
      ]),
    );
    expect(keys).not.toContain(`${first.folder}variance.json`);

    const { Messages } = await moto
      .client(SQSClient)
      .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    const notices = (Messages ?? []).map(
      (message) => JSON.parse(message.Body ?? '{}') as { Subject: string; Message: string },
    );
    expect(notices.map((notice) => notice.Subject)).toEqual([
      `Pyjamas scan of 123456789012: ${first.failed} failed`,
      `Pyjamas scan of 123456789012: ${second.failed} failed (0 new, 1 fixed)`,
    ]);
    expect(notices[1]?.Message).toMatch(/Fixed\n {2}high +guardduty_is_enabled {2}eu-west-1/);
  });

  test('imports the findings into Security Hub in ASFF', async () => {
    const { Findings } = await moto
      .client(SecurityHubClient)
      .send(new GetFindingsCommand({ MaxResults: 100 }));
    expect(Findings?.length).toBeGreaterThan(0);
    expect(Findings?.[0]).toMatchObject({
      SchemaVersion: '2018-10-08',
      AwsAccountId: '123456789012',
      GeneratorId: expect.stringMatching(/^pyjamas\//),
    });
  });

  test.each([
    ['a non-object event', 'not an event', /must be an EventBridge event object/],
    [
      'an event from another source',
      { source: 'aws.s3', 'detail-type': 'Object Created' },
      /refusing an event from "aws.s3"/,
    ],
  ])('rejects %s before any AWS call', async (_, event, message) => {
    const endpoint = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = CLOSED_ENDPOINT;
    try {
      await expect(freshHandler()(event)).rejects.toThrow(message);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
    }
  });

  test('refuses to run without a report bucket', async () => {
    const bucket = process.env.PYJAMAS_REPORT_BUCKET;
    delete process.env.PYJAMAS_REPORT_BUCKET;
    await expect(handler(scheduledEvent)).rejects.toThrow(/PYJAMAS_REPORT_BUCKET is not set/);
    process.env.PYJAMAS_REPORT_BUCKET = bucket;
  });
});
