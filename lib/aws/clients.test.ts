import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { DescribeVpcsCommand, EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import {
  AwsClients,
  apiCallOf,
  apiName,
  globalRegionOf,
  isRegionName,
  partitionOfRegion,
  type ApiCall,
} from './clients';

/** A request handler that records where requests go and answers with `status`. */
function recordingHandler(status = 200, body = '') {
  const urls: string[] = [];
  return {
    urls,
    handler: {
      handle: async (request: {
        protocol: string;
        hostname: string;
        port?: number;
        path: string;
      }) => {
        urls.push(
          `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`,
        );
        return {
          response: { statusCode: status, headers: {}, body: Readable.from([Buffer.from(body)]) },
        };
      },
    },
  };
}

function withHandler<C extends { config: object }>(client: C, handler: unknown): C {
  (client.config as { requestHandler: unknown }).requestHandler = handler;
  return client;
}

describe('AwsClients', () => {
  const saved = process.env.AWS_ENDPOINT_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
  });

  test('signs with the credentials provider it is given instead of the default chain', async () => {
    const provider = () =>
      Promise.resolve({ accessKeyId: 'ASIAMEMBER', secretAccessKey: 'secret', sessionToken: 't' });
    const aws = new AwsClients({ credentials: provider, env: {} });
    const config = aws.get(EC2Client, 'eu-west-1').config as {
      credentials: () => Promise<{ accessKeyId: string }>;
    };
    expect((await config.credentials()).accessKeyId).toBe('ASIAMEMBER');
    aws.destroy();
  });

  test('caches one client per class and region', () => {
    const aws = new AwsClients({ env: {} });
    expect(aws.get(EC2Client, 'eu-west-1')).toBe(aws.get(EC2Client, 'eu-west-1'));
    expect(aws.get(EC2Client, 'eu-west-1')).not.toBe(aws.get(EC2Client, 'us-east-1'));
  });

  test('addresses S3 by path when a custom endpoint is configured, since bucket host names cannot resolve there', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const aws = new AwsClients({ env: process.env, maxAttempts: 1 });
    const { urls, handler } = recordingHandler(200, 'x');
    await withHandler(aws.get(S3Client, 'us-east-1'), handler).send(
      new GetObjectCommand({ Bucket: 'evidence', Key: 'a.txt' }),
    );
    expect(urls).toEqual([expect.stringMatching(/^http:\/\/localhost:4566\/evidence\/a\.txt/)]);
  });

  test('sends S3 Control to a loopback endpoint as given, without the account host prefix', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:5000';
    const aws = new AwsClients({ env: process.env, maxAttempts: 1 });
    const { urls, handler } = recordingHandler(200, '<GetPublicAccessBlockOutput/>');
    await withHandler(aws.get(S3ControlClient, 'us-east-1'), handler).send(
      new GetPublicAccessBlockCommand({ AccountId: '123456789012' }),
    );
    expect(urls[0]).toMatch(
      /^http:\/\/127\.0\.0\.1:5000\/v20180820\/configuration\/publicAccessBlock/,
    );
  });

  test('reports each call once and tags errors with the call that raised them', async () => {
    const calls: ApiCall[] = [];
    const aws = new AwsClients({ env: {}, maxAttempts: 1, onApiCall: (call) => calls.push(call) });
    const { handler } = recordingHandler(
      403,
      '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no</Message></Error></Errors></Response>',
    );
    const error = await withHandler(aws.get(EC2Client, 'eu-west-1'), handler)
      .send(new DescribeVpcsCommand({}))
      .catch((e: unknown) => e);
    expect(calls).toEqual([
      { client: 'EC2Client', command: 'DescribeVpcsCommand', region: 'eu-west-1' },
    ]);
    expect(apiCallOf(error)).toEqual(calls[0]);
  });

  test('reports every request sent, retries included, while the call is reported once', async () => {
    const calls: ApiCall[] = [];
    const requests: ApiCall[] = [];
    const aws = new AwsClients({
      env: {},
      maxAttempts: 2,
      onApiCall: (call) => calls.push(call),
      onRequest: (call) => requests.push(call),
    });
    const { urls, handler } = recordingHandler(
      500,
      '<Response><Errors><Error><Code>InternalError</Code><Message>try again</Message></Error></Errors></Response>',
    );
    await withHandler(aws.get(EC2Client, 'eu-west-1'), handler)
      .send(new DescribeVpcsCommand({}))
      .catch(() => undefined);
    expect(calls).toHaveLength(1);
    expect(urls).toHaveLength(2);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toEqual({
      client: 'EC2Client',
      command: 'DescribeVpcsCommand',
      region: 'eu-west-1',
    });
  });

  test('with a retry policy, retries each throttled call until it succeeds, however many other calls were throttled', async () => {
    const policy = {
      maxAttempts: 6,
      unrecognizedMaxAttempts: 3,
      callDeadlineMs: 5_000,
      throttlingBaseMs: 2,
      transientBaseMs: 1,
      maxDelayMs: 5,
    };
    const requests: ApiCall[] = [];
    const aws = new AwsClients({
      env: {},
      retryPolicy: policy,
      onRequest: (r) => requests.push(r),
    });
    const attempts = new Map<string, number>();
    const handler = {
      handle: async (request: { body?: string }) => {
        const key = String(request.body);
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        // Every call is throttled three times: at 5 tokens per throttled retry and 5 back per
        // success, the SDK's quota of 500 tokens would run dry within some fifty such calls.
        const throttled = attempt <= 3;
        return {
          response: {
            statusCode: throttled ? 503 : 200,
            headers: {},
            body: Readable.from([
              Buffer.from(
                throttled
                  ? '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error></Errors></Response>'
                  : '<DescribeVpcsResponse/>',
              ),
            ]),
          },
        };
      },
    };
    const ec2 = withHandler(aws.get(EC2Client, 'us-east-1'), handler);
    const vpcIds = Array.from({ length: 80 }, (_, index) => `vpc-${index}`);
    const results = await Promise.all(
      vpcIds.map((id) => ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }))),
    );
    expect(results).toHaveLength(80);
    expect(requests).toHaveLength(80 * 4);
  });

  test('with a retry policy, a throttled page is sent again on its own: the listing never restarts nor loses it', async () => {
    const policy = {
      maxAttempts: 4,
      unrecognizedMaxAttempts: 3,
      callDeadlineMs: 5_000,
      throttlingBaseMs: 2,
      transientBaseMs: 1,
      maxDelayMs: 5,
    };
    const aws = new AwsClients({ env: {}, retryPolicy: policy });
    const sent: string[] = [];
    const page = (vpc: string, next?: string) =>
      `<DescribeVpcsResponse><vpcSet><item><vpcId>${vpc}</vpcId></item></vpcSet>${next ? `<nextToken>${next}</nextToken>` : ''}</DescribeVpcsResponse>`;
    const handler = {
      handle: async (request: { body?: string }) => {
        const body = String(request.body);
        const second = body.includes('NextToken=two');
        sent.push(second ? 'page 2' : 'page 1');
        const throttled = second && sent.filter((entry) => entry === 'page 2').length <= 2;
        return {
          response: {
            statusCode: throttled ? 503 : 200,
            headers: {},
            body: Readable.from([
              Buffer.from(
                throttled
                  ? '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error></Errors></Response>'
                  : second
                    ? page('vpc-2')
                    : page('vpc-1', 'two'),
              ),
            ]),
          },
        };
      },
    };
    const ec2 = withHandler(aws.get(EC2Client, 'us-east-1'), handler);
    const vpcs: string[] = [];
    for await (const answer of paginateDescribeVpcs({ client: ec2 }, {})) {
      vpcs.push(...(answer.Vpcs ?? []).map((vpc) => vpc.VpcId ?? ''));
    }
    expect(vpcs).toEqual(['vpc-1', 'vpc-2']);
    expect(sent).toEqual(['page 1', 'page 2', 'page 2', 'page 2']);
  });

  test('bounds the requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const aws = new AwsClients({ env: {}, maxAttempts: 1, maxConcurrentRequests: 2 });
    const handler = {
      handle: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
        return {
          response: {
            statusCode: 200,
            headers: {},
            body: Readable.from([Buffer.from('<DescribeVpcsResponse/>')]),
          },
        };
      },
    };
    const ec2 = withHandler(aws.get(EC2Client, 'us-east-1'), handler);
    await Promise.all(Array.from({ length: 6 }, () => ec2.send(new DescribeVpcsCommand({}))));
    expect(peak).toBe(2);
  });
});

describe('naming helpers', () => {
  test.each([
    [{ client: 'EC2Client', command: 'DescribeInstancesCommand' }, 'ec2:DescribeInstances'],
    [
      { client: 'S3ControlClient', command: 'GetPublicAccessBlockCommand' },
      's3control:GetPublicAccessBlock',
    ],
    [
      { client: 'ConfigServiceClient', command: 'DescribeConfigurationRecordersCommand' },
      'config:DescribeConfigurationRecorders',
    ],
    [{ client: 'NewServiceClient', command: 'DoThingCommand' }, 'newservice:DoThing'],
  ])('names %j as %s', (call, name) => {
    expect(apiName(call)).toBe(name);
  });

  test.each([
    ['eu-west-1', 'aws', 'us-east-1'],
    ['cn-north-1', 'aws-cn', 'cn-north-1'],
    ['us-gov-east-1', 'aws-us-gov', 'us-gov-west-1'],
  ])('puts %s in partition %s, whose global services live in %s', (region, partition, global) => {
    expect(partitionOfRegion(region)).toBe(partition);
    expect(globalRegionOf(partition)).toBe(global);
  });

  test.each([
    ['eu-west-1', true],
    ['us-gov-east-1', true],
    ['ap-southeast-7', true],
    ['europe', false],
    ['eu-west', false],
    ['EU-WEST-1', false],
  ])('recognises %s as a region name: %s', (name, expected) => {
    expect(isRegionName(name)).toBe(expected);
  });
});
