import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy between the SDK and moto_server: point the SDK at
 * {@link FaultProxy.endpoint} (AWS_ENDPOINT_URL) and it forwards every request to moto, except
 * those a rule or the seeded random faults answer instead — with an error shaped as AWS shapes it
 * for the request's protocol, or a dropped connection. Every request is logged.
 */

/** The wire protocols the SDK speaks, as far as error shapes differ. */
export type WireProtocol = 'ec2' | 'query' | 'json' | 'rest-xml';

/** A request as the rules see it, parsed from the wire. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** Signing name from the Authorization header's credential scope, e.g. `ec2`, `iam`, `s3`. */
  readonly service: string;
  readonly protocol: WireProtocol;
  /** The API action: `Action=` of a query body or URL, or the operation of `X-Amz-Target`. */
  readonly action?: string;
  /**
   * Query-protocol parameters as sent (`NetworkInterfaceId`, `SecurityGroupId.1`, …), or the
   * top-level scalar fields of a JSON body.
   */
  readonly params: Readonly<Record<string, string>>;
}

/** What the proxy answers instead of moto. */
export type Fault =
  /** HTTP 403 with the service's access-denied error (EC2: UnauthorizedOperation). */
  | { readonly kind: 'access-denied'; readonly message?: string }
  /** Throttling: HTTP 400 Throttling / ThrottlingException, EC2 503 RequestLimitExceeded, S3 503 SlowDown. */
  | { readonly kind: 'throttle' }
  /** HTTP 500 InternalError / InternalFailure. */
  | { readonly kind: 'server-error' }
  /** The connection is closed without an answer, after the request was read. */
  | { readonly kind: 'drop' };

/** A chosen fault for the requests a predicate picks. */
export interface FaultRule {
  readonly match: (request: ProxiedRequest) => boolean;
  readonly fault: Fault;
  /** How many matching requests get the fault. @default - every one */
  readonly times?: number;
}

/** Faults drawn at random, per request, from a seeded generator: the same seed, the same faults. */
export interface RandomFaults {
  readonly seed: number;
  /** Share of requests throttled, 0 to 1. @default 0 */
  readonly throttle?: number;
  /** Share of requests answered with HTTP 500. @default 0 */
  readonly serverError?: number;
  /** Share of connections dropped. @default 0 */
  readonly drop?: number;
}

/** One request as the proxy saw it, and what it answered (`dropped` when it answered nothing). */
export interface LoggedRequest {
  readonly method: string;
  readonly service: string;
  readonly action?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: number | 'dropped';
  /** The fault injected, when one was. */
  readonly fault?: Fault['kind'];
}

/** The proxy, listening on 127.0.0.1 on a free port. */
export class FaultProxy {
  /** Every request, in the order they arrived. */
  readonly log: LoggedRequest[] = [];
  private readonly rules: { rule: FaultRule; used: number }[] = [];
  private readonly draw: (() => number) | undefined;

  private constructor(
    private readonly target: URL,
    private readonly server: ReturnType<typeof createServer>,
    private readonly random: RandomFaults | undefined,
  ) {
    this.draw = random ? mulberry32(random.seed) : undefined;
  }

  /** Starts a proxy forwarding to `target` (e.g. moto's `http://127.0.0.1:port`). */
  static async start(target: string, options: { random?: RandomFaults } = {}): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(new URL(target), server, options.random);
    server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
      void proxy.handle(incoming, outgoing);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** Where to point the SDK. */
  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** `env` with every endpoint variable pointed at the proxy. */
  env(env: Readonly<Record<string, string>>): Record<string, string> {
    return { ...env, AWS_ENDPOINT_URL: this.endpoint };
  }

  /** Adds a rule; rules are tried in the order they were added. */
  inject(rule: FaultRule): void {
    this.rules.push({ rule, used: 0 });
  }

  /** Forgets every rule and the log. */
  reset(): void {
    this.rules.length = 0;
    this.log.length = 0;
  }

  /** The logged requests of one action. */
  requestsOf(action: string): LoggedRequest[] {
    return this.log.filter((entry) => entry.action === action);
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const request = parseRequest(incoming, body);
    const fault = this.faultFor(request);
    const entry = { method: request.method, service: request.service, params: request.params };
    const logged = (status: number | 'dropped') =>
      this.log.push({
        ...entry,
        ...(request.action ? { action: request.action } : {}),
        status,
        ...(fault ? { fault: fault.kind } : {}),
      });
    if (fault?.kind === 'drop') {
      logged('dropped');
      incoming.socket.destroy();
      return;
    }
    if (fault) {
      const answer = errorAnswer(request, fault);
      logged(answer.status);
      outgoing.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    const forwarded = httpRequest(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: this.target.host },
      },
      (answer) => {
        logged(answer.statusCode ?? 502);
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.once('error', (error) => {
      logged(502);
      outgoing.writeHead(502).end(error.message);
    });
    forwarded.end(body);
  }

  private faultFor(request: ProxiedRequest): Fault | undefined {
    for (const entry of this.rules) {
      if (entry.rule.times !== undefined && entry.used >= entry.rule.times) continue;
      if (!entry.rule.match(request)) continue;
      entry.used += 1;
      return entry.rule.fault;
    }
    if (!this.random || !this.draw) return undefined;
    const roll = this.draw();
    const { throttle = 0, serverError = 0, drop = 0 } = this.random;
    if (roll < throttle) return { kind: 'throttle' };
    if (roll < throttle + serverError) return { kind: 'server-error' };
    if (roll < throttle + serverError + drop) return { kind: 'drop' };
    return undefined;
  }
}

/**
 * Gives a jest suite a proxy in front of `target()` (called once the server runs, e.g.
 * `() => moto.server.endpoint`), started before the first test and stopped after the last;
 * rules and the log are cleared before each test.
 */
export function useFaultProxy(
  target: () => string,
  options: { random?: RandomFaults } = {},
): { readonly proxy: FaultProxy } {
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    proxy = await FaultProxy.start(target(), options);
  });
  beforeEach(() => {
    proxy?.reset();
  });
  afterAll(async () => {
    await proxy?.stop();
  });
  return {
    get proxy() {
      if (!proxy) throw new Error('the fault proxy is not running: use it only inside tests');
      return proxy;
    },
  };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
}

/** Parses what the rules match on. Exported for the proxy's own tests. */
export function parseRequest(incoming: IncomingMessage, body: Buffer): ProxiedRequest {
  const url = new URL(incoming.url ?? '/', 'http://proxy');
  const header = (name: string) => {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const service =
    /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(header('authorization') ?? '')?.[1] ??
    'unknown';
  const target = header('x-amz-target');
  const contentType = header('content-type') ?? '';
  const base = { method: incoming.method ?? 'GET', path: url.pathname, service };
  if (target) {
    return {
      ...base,
      protocol: 'json',
      action: target.slice(target.lastIndexOf('.') + 1),
      params: jsonScalars(body),
    };
  }
  const form = contentType.includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(body.toString('utf8'))
    : url.searchParams;
  const action = form.get('Action') ?? undefined;
  if (action) {
    return {
      ...base,
      protocol: service === 'ec2' ? 'ec2' : 'query',
      action,
      params: Object.fromEntries([...form.entries()].filter(([key]) => key !== 'Action')),
    };
  }
  return {
    ...base,
    protocol: contentType.includes('json') ? 'json' : 'rest-xml',
    params: contentType.includes('json') ? jsonScalars(body) : {},
  };
}

function jsonScalars(body: Buffer): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed)
        .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
        .map(([key, value]) => [key, String(value as string | number | boolean)]),
    );
  } catch {
    return {};
  }
}

/** The code and status AWS answers a fault with, per protocol. */
function codeOf(request: ProxiedRequest, fault: Exclude<Fault, { kind: 'drop' }>) {
  switch (fault.kind) {
    case 'access-denied':
      return {
        status: 403,
        code:
          request.protocol === 'ec2'
            ? 'UnauthorizedOperation'
            : request.protocol === 'json'
              ? 'AccessDeniedException'
              : 'AccessDenied',
        message:
          fault.message ??
          `User is not authorized to perform: ${request.service}:${request.action ?? request.method} with an explicit deny in a service control policy (injected by the fault proxy)`,
      };
    case 'throttle':
      return request.protocol === 'ec2'
        ? { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' }
        : request.protocol === 'rest-xml'
          ? { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }
          : request.protocol === 'json'
            ? { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }
            : { status: 400, code: 'Throttling', message: 'Rate exceeded' };
    case 'server-error':
      return {
        status: 500,
        code: request.protocol === 'json' ? 'InternalFailure' : 'InternalError',
        message: 'We encountered an internal error. Please try again.',
      };
  }
}

/** An error answer shaped as the service's protocol shapes it. */
function errorAnswer(
  request: ProxiedRequest,
  fault: Exclude<Fault, { kind: 'drop' }>,
): { status: number; headers: Record<string, string>; body: string } {
  const { status, code, message } = codeOf(request, fault);
  const requestId = randomUUID();
  const text = escapeXml(message);
  switch (request.protocol) {
    case 'json':
      return {
        status,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': code,
        },
        body: JSON.stringify({ __type: code, message }),
      };
    case 'ec2':
      return {
        status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${text}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'query':
      return {
        status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${text}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'rest-xml':
      return {
        status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${text}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A small seeded generator of numbers in [0, 1): the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
