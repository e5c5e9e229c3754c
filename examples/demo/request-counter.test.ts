import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeRoundTrips, signingService, startRequestCounter } from './request-counter';

describe('signingService', () => {
  test('reads the service from the SigV4 credential scope, and says when a request is unsigned', () => {
    expect(
      signingService({
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc',
      }),
    ).toBe('ec2');
    expect(signingService({})).toBe('unsigned');
  });
});

describe('describeRoundTrips', () => {
  test('gives the total, then each service busiest first', () => {
    expect(
      describeRoundTrips(
        new Map([
          ['s3', 2],
          ['ec2', 7],
          ['iam', 2],
        ]),
      ),
    ).toBe('11 (ec2 7, iam 2, s3 2)');
  });
});

describe('startRequestCounter', () => {
  let upstream: Server;
  beforeAll(async () => {
    upstream = createServer((request, response) => {
      response.end(`${request.method} ${request.url}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  test('forwards each request unchanged and counts it once per service, until taken', async () => {
    const { port } = upstream.address() as AddressInfo;
    const counter = await startRequestCounter(`http://127.0.0.1:${port}`);
    try {
      const signed = (service: string) => ({
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/${service}/aws4_request`,
      });
      const answer = await fetch(`${counter.endpoint}/path?x=1`, { headers: signed('iam') });
      await fetch(counter.endpoint, { method: 'POST', body: 'Action=X', headers: signed('ec2') });
      await fetch(counter.endpoint, { headers: signed('ec2') });

      expect(await answer.text()).toBe('GET /path?x=1');
      expect(counter.take()).toEqual(
        new Map([
          ['iam', 1],
          ['ec2', 2],
        ]),
      );
      expect(counter.take()).toEqual(new Map());
    } finally {
      await counter.close();
    }
  });
});
