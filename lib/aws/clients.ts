import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Semaphore } from '../concurrency';
import { PatientRetryStrategy, type RetryPolicy } from './retry-strategy';

/** Where clients get their credentials from: the SDK's provider shape. */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/** Credentials as a provider yields them: keys, session token, expiry. */
export type Credentials = Awaited<ReturnType<CredentialProvider>>;

/** One API call as seen by the client factory: what metrics and benchmarks count. */
export interface ApiCall {
  /** SDK client name, e.g. `EC2Client`. */
  readonly client: string;
  /** Operation, e.g. `DescribeInstancesCommand`. */
  readonly command: string;
  readonly region: string;
}

/** How every AWS SDK client in one run is configured. */
export interface AwsClientsOptions {
  /**
   * Named profile from the shared config and credentials files; SSO, credential_process and
   * role-assuming profiles work as in the AWS CLI.
   *
   * @default - the standard credential chain: environment, SSO, web identity, shared files, ECS, IMDS
   */
  readonly profile?: string;
  /**
   * Credentials to sign with instead of the profile's or the default chain's, e.g. a role
   * assumed in another account; called by every client, so it must cache and refresh itself.
   *
   * @default - from `profile`, else the standard credential chain
   */
  readonly credentials?: CredentialProvider;
  /**
   * Attempts per call, first included. Throttling is retried in the SDK's adaptive mode, which
   * also slows the client's own request rate down when AWS throttles it.
   *
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * Retries every call per this policy (attempts and a deadline per call, no shared quota)
   * instead of the SDK's adaptive mode, whose shared quota runs dry under sustained throttling.
   * `maxAttempts` is then ignored. The scanner's reads use `SCAN_RETRY_POLICY`.
   *
   * @default - the SDK's adaptive mode with `maxAttempts`
   */
  readonly retryPolicy?: RetryPolicy;
  /**
   * Bounds the requests in flight across every client of this factory.
   *
   * @default - no bound
   */
  readonly maxConcurrentRequests?: number;
  /** Called once per API call (not per retry attempt). */
  readonly onApiCall?: (call: ApiCall) => void;
  /**
   * Called for every HTTP request sent, retry attempts included: what an endpoint actually
   * receives, as benchmarks and throttling diagnostics count it.
   */
  readonly onRequest?: (call: ApiCall) => void;
  /**
   * Environment read for endpoint overrides.
   *
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

/** The part of an SDK v3 client the factory relies on. */
export interface SdkClient {
  readonly config: object;
  readonly middlewareStack: {
    add(
      middleware: unknown,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
  destroy(): void;
}

/** An SDK v3 client class such as `EC2Client`. */
export type SdkClientClass<C extends SdkClient> = new (config: Record<string, unknown>) => C;

/**
 * Builds and caches AWS SDK v3 clients, one per client class and region, sharing one credential
 * provider, one retry policy and one bound on concurrent requests.
 *
 * Endpoints follow the SDK's own rules: `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`
 * (and `endpoint_url` in the profile) redirect calls, for example to an emulator. When such an
 * override is present, S3 uses path-style addressing, because bucket-name host labels do not
 * resolve on a custom host.
 */
export class AwsClients {
  private readonly clients = new Map<string, SdkClient>();
  private readonly credentials: CredentialProvider;
  private readonly limiter: Semaphore | undefined;
  private readonly env: NodeJS.ProcessEnv;
  /** One connection pool for every client, so connections to an endpoint are kept and reused. */
  private readonly agents: { readonly httpAgent: HttpAgent; readonly httpsAgent: HttpsAgent };

  constructor(private readonly options: AwsClientsOptions = {}) {
    this.env = options.env ?? process.env;
    this.credentials =
      options.credentials ??
      fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
    this.limiter = options.maxConcurrentRequests
      ? new Semaphore(options.maxConcurrentRequests)
      : undefined;
    // The SDK gives each client its own pool of 50 sockets; one shared pool, as wide as the
    // bound on requests in flight, keeps TLS sessions warm across clients and caps the sockets.
    const sockets = {
      keepAlive: true,
      maxSockets: options.maxConcurrentRequests ?? DEFAULT_MAX_SOCKETS,
    };
    this.agents = { httpAgent: new HttpAgent(sockets), httpsAgent: new HttpsAgent(sockets) };
  }

  /** The client of class `ClientClass` for `region`, created on first use. */
  get<C extends SdkClient>(ClientClass: SdkClientClass<C>, region: string): C {
    const key = `${ClientClass.name}@${region}`;
    const cached = this.clients.get(key);
    if (cached) return cached as C;
    const client = new ClientClass(this.configFor(region));
    this.adaptToCustomEndpoint(client);
    this.instrument(client, region);
    this.clients.set(key, client);
    return client;
  }

  /** Closes every client's connections. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.agents.httpAgent.destroy();
    this.agents.httpsAgent.destroy();
  }

  private configFor(region: string): Record<string, unknown> {
    const { retryPolicy } = this.options;
    return {
      region,
      credentials: this.credentials,
      requestHandler: this.agents,
      ...(retryPolicy
        ? {
            retryStrategy: new PatientRetryStrategy(retryPolicy),
            maxAttempts: retryPolicy.maxAttempts,
          }
        : { retryMode: 'adaptive', maxAttempts: this.options.maxAttempts ?? 5 }),
      ...(this.customEndpoint() ? { forcePathStyle: true } : {}),
      // With explicit credentials the profile still supplies settings such as endpoint_url.
      ...(this.options.profile ? { profile: this.options.profile } : {}),
    };
  }

  private customEndpoint(): string | undefined {
    return (
      this.env.AWS_ENDPOINT_URL_S3_CONTROL ??
      this.env.AWS_ENDPOINT_URL_S3 ??
      this.env.AWS_ENDPOINT_URL
    );
  }

  /**
   * S3 Control puts the account id in the host name (`<account>.<endpoint host>`). On an IP or
   * `localhost` endpoint that name cannot resolve, so such endpoints are used as given.
   */
  private adaptToCustomEndpoint(client: SdkClient): void {
    const config = client.config as { serviceId?: string; endpointProvider?: unknown };
    if (config.serviceId !== 'S3 Control') return;
    const endpoint = this.env.AWS_ENDPOINT_URL_S3_CONTROL ?? this.env.AWS_ENDPOINT_URL;
    if (!endpoint || !isLoopbackOrIp(endpoint)) return;
    const url = new URL(endpoint);
    config.endpointProvider = () => ({ url: new URL(url.href) });
  }

  private instrument(client: SdkClient, region: string): void {
    const { onApiCall, onRequest } = this.options;
    const limiter = this.limiter;
    type Next = (args: unknown) => Promise<unknown>;
    type Context = { clientName?: string; commandName?: string };
    const callOf = (context: Context): ApiCall => ({
      client: context.clientName ?? 'unknown',
      command: context.commandName ?? 'unknown',
      region,
    });
    client.middlewareStack.add(
      (next: Next, context: Context) => async (args: unknown) => {
        const call = callOf(context);
        onApiCall?.(call);
        try {
          return await next(args);
        } catch (error) {
          if (typeof error === 'object' && error !== null) {
            Object.defineProperty(error, API_CALL, {
              value: call,
              enumerable: false,
              configurable: true,
            });
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'pyjamasApiCallMiddleware', override: true },
    );
    // Inside the SDK's retry middleware and before signing: once per attempt, so a call waiting
    // out its backoff holds no place, and a request that waited for one is signed when it goes.
    const stack = client.middlewareStack as unknown as {
      addRelativeTo(
        middleware: unknown,
        options: {
          relation: 'before';
          toMiddleware: 'httpSigningMiddleware';
          name: string;
          override: boolean;
        },
      ): void;
    };
    stack.addRelativeTo(
      (next: Next, context: Context) => (args: unknown) => {
        onRequest?.(callOf(context));
        return limiter ? limiter.run(() => next(args)) : next(args);
      },
      {
        relation: 'before',
        toMiddleware: 'httpSigningMiddleware',
        name: 'pyjamasRequestMiddleware',
        override: true,
      },
    );
  }
}

/** The SDK's own default width of a client's connection pool. */
const DEFAULT_MAX_SOCKETS = 50;

const API_CALL = Symbol.for('pyjamas.apiCall');

/** The call that raised `error`, when it came from a client of {@link AwsClients}. */
export function apiCallOf(error: unknown): ApiCall | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as { [API_CALL]?: ApiCall })[API_CALL];
}

const SERVICE_OF_CLIENT: { readonly [client: string]: string } = {
  AccessAnalyzerClient: 'access-analyzer',
  AutoScalingClient: 'autoscaling',
  CloudTrailClient: 'cloudtrail',
  CloudWatchClient: 'cloudwatch',
  CloudWatchLogsClient: 'logs',
  ConfigServiceClient: 'config',
  EC2Client: 'ec2',
  ElasticLoadBalancingClient: 'elasticloadbalancing',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  EventBridgeClient: 'events',
  GuardDutyClient: 'guardduty',
  IAMClient: 'iam',
  KMSClient: 'kms',
  LambdaClient: 'lambda',
  OrganizationsClient: 'organizations',
  ResourceGroupsTaggingAPIClient: 'tag',
  S3Client: 's3',
  S3ControlClient: 's3control',
  SecurityHubClient: 'securityhub',
  SNSClient: 'sns',
  SSMClient: 'ssm',
  STSClient: 'sts',
};

/** `service:Operation` for a call, e.g. `ec2:DescribeInstances` or `s3control:GetPublicAccessBlock`. */
export function apiName(call: Pick<ApiCall, 'client' | 'command'>): string {
  const service =
    SERVICE_OF_CLIENT[call.client] ?? call.client.replace(/Client$/, '').toLowerCase();
  return `${service}:${call.command.replace(/Command$/, '')}`;
}

function isLoopbackOrIp(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/** Partition of a region name: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** The region global services are called in for a partition. */
export function globalRegionOf(partition: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    default:
      return 'us-east-1';
  }
}

/** True for names shaped like AWS regions, such as `eu-west-1` or `us-gov-east-1`. */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(text);
}
