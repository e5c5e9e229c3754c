import { apiCallOf, apiName } from './clients';

/** The parts of an AWS SDK error Pyjamas records: never the raw response or request. */
export interface AwsErrorSummary {
  readonly name: string;
  readonly message: string;
  readonly httpStatusCode?: number;
  readonly requestId?: string;
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $retryable?: { throttling?: boolean };
}

const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
]);

const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

const ACCESS_DENIED_NAMES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthFailure',
  'Forbidden',
]);

/**
 * The error code AWS returned, such as `AccessDenied` or `NoSuchEntity` (the wire code, not the
 * SDK's exception class name `NoSuchEntityException`).
 *
 * An endpoint that answers with a body that is not an AWS error document (an emulator that does
 * not implement the operation answers with an HTML page) is reported as `UnrecognizedResponse`
 * rather than as the JSON or XML parser's complaint.
 */
export function awsErrorName(error: unknown): string {
  return errorNames(error)[0] ?? 'UnknownError';
}

/**
 * S3 answers some refusals with a status and no error document (HEAD requests always; moto for
 * a bucket-policy denial too). The SDK then names the error `Unknown` with the message
 * `UnknownError`, which tells the user nothing. Such answers are named after their status.
 */
const CODELESS_NAMES: ReadonlySet<string> = new Set(['Unknown', 'UnknownError']);

const CODELESS_STATUS: { readonly [status: number]: { name: string; message: string } } = {
  301: {
    name: 'PermanentRedirect',
    message: 'the bucket is in another region than the request was sent to',
  },
  403: {
    name: 'AccessDenied',
    message:
      'HTTP 403 without an error document: access denied (a bucket policy, a KMS key policy, an SCP, or a bucket owned by another account than expected)',
  },
  404: { name: 'NotFound', message: 'HTTP 404 without an error document: no such bucket or key' },
  412: {
    name: 'PreconditionFailed',
    message: 'HTTP 412 without an error document: a condition of the request did not hold',
  },
};

/**
 * Every name an error answers to: the AWS wire code, the SDK exception name, and that name
 * without its `Exception` suffix, so `NoSuchEntity` and `NoSuchEntityException` both match.
 */
function errorNames(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const shape = error as SdkErrorShape;
  if (isUnparseableResponse(shape)) return ['UnrecognizedResponse'];
  const codeless = codelessAnswer(shape);
  if (codeless) return [codeless.name];
  const names = [shape.Code, shape.code, shape.name].filter(
    (candidate): candidate is string =>
      typeof candidate === 'string' && candidate.length > 0 && candidate !== 'Error',
  );
  const withoutSuffix = names
    .filter((name) => name.endsWith('Exception') && name !== 'Exception')
    .map((name) => name.slice(0, -'Exception'.length));
  return [...new Set([...names, ...withoutSuffix])];
}

/** Name, message, HTTP status and request id of an SDK error, safe to log and to store. */
export function summarizeAwsError(error: unknown): AwsErrorSummary {
  const name = awsErrorName(error);
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const requestId = shape.$metadata?.requestId;
  let message = typeof shape.message === 'string' ? shape.message : String(error);
  if (name === 'UnrecognizedResponse') {
    message = `the endpoint answered HTTP ${status ?? '?'} with a body that is not an AWS error document; it probably does not implement this operation`;
  }
  const codeless = codelessAnswer(shape);
  if (codeless) message = codeless.message;
  return {
    name,
    message: firstLine(message),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** True when AWS asked us to slow down; such calls are safe to retry after a pause. */
export function isThrottling(error: unknown): boolean {
  if (
    typeof error === 'object' &&
    error !== null &&
    (error as SdkErrorShape).$retryable?.throttling
  )
    return true;
  return errorNames(error).some((name) => THROTTLING_NAMES.has(name));
}

/** True for throttling and for server-side or network failures that a retry may cure. */
export function isTransient(error: unknown): boolean {
  if (isThrottling(error)) return true;
  const name = awsErrorName(error);
  if (errorNames(error).some((candidate) => TRANSIENT_NAMES.has(candidate))) return true;
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  return name !== 'UnrecognizedResponse' && typeof status === 'number' && status >= 500;
}

/** True when the caller lacks permission for the call. */
export function isAccessDenied(error: unknown): boolean {
  return errorNames(error).some((name) => ACCESS_DENIED_NAMES.has(name));
}

/** True when `error` answers to one of `names`, as an AWS error code or an SDK exception name. */
export function hasAwsErrorName(error: unknown, names: readonly string[]): boolean {
  return errorNames(error).some((name) => names.includes(name));
}

/**
 * One line naming the call, the AWS error code and message, e.g.
 * `s3:PutObject answered AccessDenied: Access Denied (HTTP 403, request id ABC)`; for an error
 * that came from no AWS call, its name and message.
 */
export function describeAwsError(error: unknown): string {
  const { name, message, httpStatusCode, requestId } = summarizeAwsError(error);
  const call = apiCallOf(error);
  const context = [
    ...(httpStatusCode !== undefined ? [`HTTP ${httpStatusCode}`] : []),
    ...(requestId ? [`request id ${requestId}`] : []),
  ];
  const named = name === 'UnknownError' ? message : `${name}: ${message}`;
  const detail = `${named}${context.length > 0 ? ` (${context.join(', ')})` : ''}`;
  return call ? `${apiName(call)} in ${call.region} answered ${detail}` : detail;
}

function codelessAnswer(shape: SdkErrorShape): { name: string; message: string } | undefined {
  const status = shape.$metadata?.httpStatusCode;
  const nameless =
    (typeof shape.name === 'string' && CODELESS_NAMES.has(shape.name)) ||
    (typeof shape.message === 'string' && CODELESS_NAMES.has(shape.message));
  const hasCode = [shape.Code, shape.code].some(
    (code) => typeof code === 'string' && code.length > 0,
  );
  if (!nameless || hasCode || status === undefined) return undefined;
  return (
    CODELESS_STATUS[status] ?? {
      name: `Http${status}`,
      message: `HTTP ${status} without an error document`,
    }
  );
}

function isUnparseableResponse(shape: SdkErrorShape): boolean {
  return (
    shape.name === 'SyntaxError' &&
    typeof shape.message === 'string' &&
    shape.message.includes('Deserialization error') &&
    typeof shape.$metadata?.httpStatusCode === 'number'
  );
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
