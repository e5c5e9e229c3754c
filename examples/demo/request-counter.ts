import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback proxy in front of the emulator that counts the requests each service receives. */
export interface RequestCounter {
  /** Point the SDK here (AWS_ENDPOINT_URL). */
  readonly endpoint: string;
  /** Requests per signing service (ec2, iam, s3, …) since the last call, and resets the count. */
  take(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * The service a SigV4-signed request is for, from its credential scope
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`); `unsigned` when it has none.
 */
export function signingService(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization ?? '';
  return (
    /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] ?? 'unsigned'
  );
}

/** Total and per-service counts in one phrase, busiest first: "31 (ec2 24, s3 5, sns 2)". */
export function describeRoundTrips(counts: ReadonlyMap<string, number>): string {
  const entries = [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return `${total} (${entries.map(([service, count]) => `${service} ${count}`).join(', ')})`;
}

/**
 * Starts the counting proxy on a free loopback port, forwarding every request unchanged to
 * `target` (moto does not check signatures, so the proxy's host in them does not matter).
 */
export async function startRequestCounter(target: string): Promise<RequestCounter> {
  const upstream = new URL(target);
  let counts = new Map<string, number>();
  const server: Server = createServer((incoming, outgoing) => {
    const service = signingService(incoming.headers);
    counts.set(service, (counts.get(service) ?? 0) + 1);
    const forwarded = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.once('error', (error) => outgoing.destroy(error));
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take() {
      const taken = counts;
      counts = new Map();
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
