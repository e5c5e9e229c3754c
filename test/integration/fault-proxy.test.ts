import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultProxy, type RandomFaults } from '../helpers/fault-proxy';

// The proxy's own behaviour, against a plain HTTP server standing in for moto: the scan-faults
// and responder fault tests rely on its faults being reproducible and shaped as AWS shapes them.
describe('the fault proxy', () => {
  let target: Server;
  let proxy: FaultProxy;

  beforeAll(async () => {
    target = createServer((incoming, outgoing) => {
      incoming.resume();
      incoming.once('end', () => outgoing.writeHead(200).end('<ok/>'));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', () => resolve()));
    const { port } = target.address() as AddressInfo;
    proxy = await FaultProxy.start(`http://127.0.0.1:${port}`);
  });

  afterEach(() => {
    proxy.setRandomFaults(undefined);
    proxy.reset();
  });

  afterAll(async () => {
    await proxy.stop();
    target.closeAllConnections();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  interface Sent {
    readonly service: string;
    readonly body?: string;
    readonly path?: string;
    readonly method?: string;
    readonly headers?: Record<string, string>;
    readonly attempt?: number;
  }

  /** Sends one signed-looking request; answers its status and body, or `dropped`. */
  function send(sent: Sent): Promise<{ status: number | 'dropped'; body: string }> {
    const url = new URL(proxy.endpoint);
    return new Promise((resolve) => {
      const outgoing = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: sent.method ?? 'POST',
          path: sent.path ?? '/',
          agent: false,
          headers: {
            authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${sent.service}/aws4_request`,
            'amz-sdk-request': `attempt=${sent.attempt ?? 1}; max=5`,
            ...(sent.body !== undefined
              ? { 'content-type': 'application/x-www-form-urlencoded' }
              : {}),
            ...sent.headers,
          },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.once('end', () =>
            resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      outgoing.once('error', () => resolve({ status: 'dropped', body: '' }));
      outgoing.end(sent.body ?? '');
    });
  }

  const listUsers = (marker: number): Sent => ({
    service: 'iam',
    body: `Action=ListUsers&Version=2010-05-08&Marker=m${marker}`,
  });

  const FAULTS: RandomFaults = { seed: 7, throttle: 0.3, serverError: 0.05, drop: 0.05 };

  test('the same seed gives the same faults to the same requests whatever order they arrive in', async () => {
    // Prepare
    const requests = Array.from({ length: 60 }, (_, index) => listUsers(index));
    proxy.setRandomFaults(FAULTS);

    // Act
    const forwards = await Promise.all(requests.map(send));
    proxy.setRandomFaults(FAULTS);
    const backwards = (await Promise.all([...requests].reverse().map(send))).reverse();

    // Assess
    expect(backwards.map((answer) => answer.status)).toEqual(
      forwards.map((answer) => answer.status),
    );
    const statuses = new Set(forwards.map((answer) => answer.status));
    expect(statuses).toContain(200);
    expect(statuses).toContain(400);
  });

  test('another seed gives other faults', async () => {
    // Prepare
    const requests = Array.from({ length: 60 }, (_, index) => listUsers(index));
    proxy.setRandomFaults(FAULTS);
    const first = await Promise.all(requests.map(send));

    // Act
    proxy.setRandomFaults({ ...FAULTS, seed: 8 });
    const second = await Promise.all(requests.map(send));

    // Assess
    expect(second.map((answer) => answer.status)).not.toEqual(first.map((answer) => answer.status));
  });

  test('a request sent again at the same attempt meets a fresh draw, so polling is not stuck on one fault', async () => {
    // Prepare
    proxy.setRandomFaults({ seed: 1, throttle: 0.5 });

    // Act
    const answers = await Promise.all(Array.from({ length: 40 }, () => send(listUsers(0))));

    // Assess
    const statuses = new Set(answers.map((answer) => answer.status));
    expect(statuses).toEqual(new Set([200, 400]));
  });

  test('throttling is shaped per protocol: query Throttling, JSON ThrottlingException, S3 SlowDown, EC2 RequestLimitExceeded', async () => {
    // Prepare
    proxy.inject({ match: () => true, fault: { kind: 'throttle' } });

    // Act
    const query = await send(listUsers(0));
    const json = await send({
      service: 'kms',
      headers: {
        'x-amz-target': 'TrentService.ListKeys',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    const s3 = await send({ service: 's3', method: 'GET', path: '/bucket?policy' });
    const ec2 = await send({ service: 'ec2', body: 'Action=DescribeInstances&Version=2016-11-15' });

    // Assess
    expect(query.status).toBe(400);
    expect(query.body).toMatch(
      /<ErrorResponse><Error><Type>Sender<\/Type><Code>Throttling<\/Code>/,
    );
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toMatchObject({ __type: 'ThrottlingException' });
    expect(s3.status).toBe(503);
    expect(s3.body).toMatch(/<Error><Code>SlowDown<\/Code>/);
    expect(ec2.status).toBe(503);
    expect(ec2.body).toMatch(/<Errors><Error><Code>RequestLimitExceeded<\/Code>/);
  });

  test('server errors are HTTP 500 InternalError or 503 ServiceUnavailable', async () => {
    // Prepare
    proxy.inject({ match: () => true, fault: { kind: 'server-error' }, times: 1 });
    proxy.inject({ match: () => true, fault: { kind: 'server-error', status: 503 }, times: 1 });

    // Act
    const first = await send(listUsers(0));
    const second = await send(listUsers(0));

    // Assess
    expect(first.status).toBe(500);
    expect(first.body).toMatch(/<Type>Receiver<\/Type><Code>InternalError<\/Code>/);
    expect(second.status).toBe(503);
    expect(second.body).toMatch(/<Code>ServiceUnavailable<\/Code>/);
  });

  test('a dropped connection answers nothing and is logged as dropped', async () => {
    // Prepare
    proxy.inject({ match: () => true, fault: { kind: 'drop' }, times: 1 });

    // Act
    const answer = await send(listUsers(0));

    // Assess
    expect(answer.status).toBe('dropped');
    expect(proxy.log).toMatchObject([{ api: 'iam:ListUsers', status: 'dropped', fault: 'drop' }]);
  });

  test('the log counts retries per API from the SDK attempt header', async () => {
    // Prepare
    const sends = [
      send(listUsers(0)),
      send({ ...listUsers(0), attempt: 2 }),
      send({ ...listUsers(0), attempt: 3 }),
      send({ service: 's3', method: 'GET', path: '/bucket?policy', attempt: 2 }),
      send({ service: 's3', method: 'GET', path: '/bucket/key?x-id=GetObject', attempt: 2 }),
    ];

    // Act
    await Promise.all(sends);

    // Assess
    expect(proxy.retriesByApi()).toEqual({
      'iam:ListUsers': 2,
      's3:GET ?policy': 1,
      's3:GetObject': 1,
    });
  });
});
