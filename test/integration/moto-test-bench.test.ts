import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useMotoServer } from '../helpers/moto-jest';

describe('the moto test bench', () => {
  const moto = useMotoServer();

  test('answers on a loopback port with the default moto account', async () => {
    expect(moto.server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const identity = await moto.client(STSClient).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
  });

  test('serves S3 with path-style addressing and forgets everything on reset', async () => {
    const s3 = moto.client(S3Client, 'eu-west-1');
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'bench-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([
      'bench-bucket',
    ]);
    await moto.server.reset();
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  test('reaches S3 Control although its account-prefixed host name cannot resolve on a loopback endpoint', async () => {
    const s3control = moto.client(S3ControlClient);
    const config = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await s3control.send(
      new PutPublicAccessBlockCommand({
        AccountId: '123456789012',
        PublicAccessBlockConfiguration: config,
      }),
    );
    const stored = await s3control.send(
      new GetPublicAccessBlockCommand({ AccountId: '123456789012' }),
    );
    expect(stored.PublicAccessBlockConfiguration).toEqual(config);
  });
});
