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
  /** Region from the same credential scope, e.g. `eu-west-1`. */
  readonly region: string;
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
  /**
   * A server-side failure: HTTP 500 InternalError / InternalFailure, or with `status: 503` the
   * ServiceUnavailable a service answers while it sheds load.
   */
  | { readonly kind: 'server-error'; readonly status?: 500 | 503 }
  /** The connection is closed without an answer, after the request was read. */
  | { readonly kind: 'drop' };

/** A chosen fault for the requests a predicate picks. */
export interface FaultRule {
  readonly match: (request: ProxiedRequest) => boolean;
  readonly fault: Fault;
  /** How many matching requests get the fault. @default - every one */
  readonly times?: number;
}

/**
 * Faults drawn at random, per request, from a seeded generator: the same seed, the same faults.
 * The draw of a request depends on the seed, the request itself (method, URL, body), its SDK
 * attempt number and how many times that same attempt was sent before — not on the order in which
 * concurrent requests happen to arrive — so a parallel scan meets the same faults on every run.
 */
export interface RandomFaults {
  readonly seed: number;
  /** Share of requests throttled, 0 to 1. @default 0 */
  readonly throttle?: number;
  /** Share of requests answered with a server error, half HTTP 500, half HTTP 503. @default 0 */
  readonly serverError?: number;
  /** Share of connections dropped. @default 0 */
  readonly drop?: number;
  /** Which requests the random faults may hit. @default - every request */
  readonly match?: (request: ProxiedRequest) => boolean;
}

/** One request as the proxy saw it, and what it answered (`dropped` when it answered nothing). */
export interface LoggedRequest {
  readonly method: string;
  readonly service: string;
  readonly action?: string;
  /**
   * The API as one label, for counting: `iam:ListUsers`, `s3:GetBucketPolicy` (from the SDK's
   * `x-id`) or `s3:GET ?policy`, `macie2:GET /macie`.
   */
  readonly api: string;
  /** The SDK's attempt number from its `amz-sdk-request` header; 1 when the header is absent. */
  readonly attempt: number;
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
  /** How many times each request (by its fingerprint and attempt) was seen, for the draws. */
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly target: URL,
    private readonly server: ReturnType<typeof createServer>,
    private random: RandomFaults | undefined,
  ) {}

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

  /**
   * Sets or clears (`undefined`) the random faults from now on, and restarts their draws, so the
   * same seed gives the same faults again.
   */
  setRandomFaults(random: RandomFaults | undefined): void {
    this.random = random;
    this.seen.clear();
  }

  /** Forgets every rule and the log, and restarts the random draws. */
  reset(): void {
    this.rules.length = 0;
    this.log.length = 0;
    this.seen.clear();
  }

  /** The logged requests of one action. */
  requestsOf(action: string): LoggedRequest[] {
    return this.log.filter((entry) => entry.action === action);
  }

  /** Retries (requests of attempt 2 or later) per API label, from the log. */
  retriesByApi(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.log) {
      if (entry.attempt > 1) counts[entry.api] = (counts[entry.api] ?? 0) + 1;
    }
    return counts;
  }

  /** Injected faults per kind, from the log. */
  faultCounts(): Partial<Record<Fault['kind'], number>> {
    const counts: Partial<Record<Fault['kind'], number>> = {};
    for (const entry of this.log) {
      if (entry.fault) counts[entry.fault] = (counts[entry.fault] ?? 0) + 1;
    }
    return counts;
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const request = parseRequest(incoming, body);
    const attempt = attemptOf(incoming);
    const fault = this.faultFor(request, this.fingerprint(incoming, body, attempt));
    const entry = {
      method: request.method,
      service: request.service,
      api: apiLabel(request, incoming.url ?? '/'),
      attempt,
      params: request.params,
    };
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

  /** The request, its attempt, and how many times that same attempt came before. */
  private fingerprint(incoming: IncomingMessage, body: Buffer, attempt: number): string {
    const base = `${incoming.method ?? 'GET'} ${incoming.url ?? '/'} ${attempt} ${fnv1a(body.toString('utf8'))}`;
    const occurrence = this.seen.get(base) ?? 0;
    this.seen.set(base, occurrence + 1);
    return `${base} #${occurrence}`;
  }

  private faultFor(request: ProxiedRequest, fingerprint: string): Fault | undefined {
    for (const entry of this.rules) {
      if (entry.rule.times !== undefined && entry.used >= entry.rule.times) continue;
      if (!entry.rule.match(request)) continue;
      entry.used += 1;
      return entry.rule.fault;
    }
    if (!this.random || (this.random.match && !this.random.match(request))) return undefined;
    const draw = mulberry32(fnv1a(`${this.random.seed} ${fingerprint}`));
    const roll = draw();
    const { throttle = 0, serverError = 0, drop = 0 } = this.random;
    if (roll < throttle) return { kind: 'throttle' };
    if (roll < throttle + serverError) {
      return { kind: 'server-error', status: draw() < 0.5 ? 500 : 503 };
    }
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

/** The SDK's attempt number: v3 sends `amz-sdk-request: attempt=2; max=5` on every request. */
function attemptOf(incoming: IncomingMessage): number {
  const header = incoming.headers['amz-sdk-request'];
  const value = Array.isArray(header) ? header[0] : header;
  const attempt = Number(/attempt=(\d+)/.exec(value ?? '')?.[1]);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}

/**
 * One label per API. Query and JSON protocols name their action; REST-XML and REST-JSON calls do
 * not, so S3's label is the `x-id` the SDK adds, else its sub-resource keys, and other REST
 * services' the method and path with id-like segments folded.
 */
function apiLabel(request: ProxiedRequest, rawUrl: string): string {
  if (request.action) return `${request.service}:${request.action}`;
  const url = new URL(rawUrl, 'http://proxy');
  const operation = url.searchParams.get('x-id');
  if (operation) return `${request.service}:${operation}`;
  if (request.service === 's3') {
    const keys = [...url.searchParams.keys()].filter((key) => !key.startsWith('X-Amz-')).sort();
    const target = url.pathname.split('/').filter(Boolean).length > 1 ? '/{bucket}/{key}' : '/';
    return `s3:${request.method} ${keys.length > 0 ? `?${keys.join('&')}` : target}`;
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (/\d|%/.test(segment) || segment.length > 24 ? '{id}' : segment))
    .join('/');
  return `${request.service}:${request.method} ${path}`;
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
  const scope = /Credential=[^/]+\/[^/]+\/([^/]+)\/([^/]+)\//.exec(header('authorization') ?? '');
  const service = scope?.[2] ?? 'unknown';
  const region = scope?.[1] ?? 'unknown';
  const target = header('x-amz-target');
  const contentType = header('content-type') ?? '';
  const base = { method: incoming.method ?? 'GET', path: url.pathname, service, region };
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
  // Of the REST services only S3, CloudFront and Route 53 answer in XML (whatever the object's
  // content type: a PUT of a JSON object to S3 is not REST-JSON); the others (Lambda, API
  // Gateway, GuardDuty, Macie, …) answer in JSON, bodiless GETs included.
  const json = !REST_XML_SERVICES.has(service);
  return {
    ...base,
    protocol: json ? 'json' : 'rest-xml',
    params: json ? jsonScalars(body) : {},
  };
}

const REST_XML_SERVICES: ReadonlySet<string> = new Set(['s3', 'cloudfront', 'route53']);

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
      return fault.status === 503
        ? {
            status: 503,
            code: 'ServiceUnavailable',
            message: 'The service is unavailable. Please try again later.',
          }
        : {
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

/** FNV-1a, 32 bits: a stable hash of a string, to seed one request's draw. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
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

/**
 * Calls `listener` with each request the moment the proxy has its answer, before the answer is
 * passed on (so a listener that kills the client leaves the call done in AWS but unknown to the
 * client, as a process killed mid-call does). Returns a function that stops listening.
 */
export function onAnswered(
  proxy: FaultProxy,
  listener: (entry: LoggedRequest) => void,
): () => void {
  const log = proxy.log;
  const push = log.push.bind(log);
  let listening = true;
  log.push = (...entries: LoggedRequest[]) => {
    const length = push(...entries);
    if (listening) entries.forEach((entry) => listener(entry));
    return length;
  };
  return () => {
    listening = false;
  };
}
