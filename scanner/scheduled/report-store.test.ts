import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { REPORT_SCHEMA_VERSION } from '../report/report';
import { ReportStore } from './report-store';

const s3 = mockClient(S3Client);
let aws: AwsClients;

beforeEach(() => {
  s3.reset();
  aws = new AwsClients({ maxAttempts: 1, env: {} });
});
afterEach(() => aws.destroy());

describe('ReportStore', () => {
  test("a member files and reads its reports in the central bucket under its own account only, naming the bucket's owner", async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'scans/222222222222/20261201T000000000Z/report.json' }],
    });
    s3.on(GetObjectCommand).resolves({
      // The store reads the body with transformToString only.
      Body: {
        transformToString: () =>
          Promise.resolve(JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION })),
      } as never,
    });
    s3.on(PutObjectCommand).resolves({});
    const store = new ReportStore(aws, 'central', 'us-east-1', 'scans/', '111111111111');

    const previous = await store.previous(
      '222222222222',
      'scans/222222222222/20261202T000000000Z/',
    );
    await store.put('scans/222222222222/20261202T000000000Z/report.json', '{}', 'application/json');

    expect(previous?.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({
      Bucket: 'central',
      Prefix: 'scans/222222222222/',
      ExpectedBucketOwner: '111111111111',
    });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({
      Key: 'scans/222222222222/20261201T000000000Z/report.json',
      ExpectedBucketOwner: '111111111111',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'central',
      ExpectedBucketOwner: '111111111111',
    });
  });

  test("names no owner for the account's own bucket", async () => {
    s3.on(PutObjectCommand).resolves({});
    await new ReportStore(aws, 'own', 'us-east-1').put('scans/x', '{}', 'application/json');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.ExpectedBucketOwner).toBe(undefined);
  });
});
