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
 * The error code AWS returned, such as `AccessDenied` or `NoSuchEntity`.
 *
 * An endpoint that answers with a body that is not an AWS error document (an emulator that does
 * not implement the operation answers with an HTML page) is reported as `UnrecognizedResponse`
 * rather than as the JSON or XML parser's complaint.
 */
export function awsErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UnknownError';
  const shape = error as SdkErrorShape;
  if (isUnparseableResponse(shape)) return 'UnrecognizedResponse';
  for (const candidate of [shape.name, shape.Code, shape.code]) {
    if (typeof candidate === 'string' && candidate.length > 0 && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
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
  return {
    name,
    message: firstLine(message),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** True when AWS asked us to slow down; such calls are safe to retry after a pause. */
export function isThrottling(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && (error as SdkErrorShape).$retryable?.throttling) return true;
  return THROTTLING_NAMES.has(awsErrorName(error));
}

/** True for throttling and for server-side or network failures that a retry may cure. */
export function isTransient(error: unknown): boolean {
  if (isThrottling(error)) return true;
  const name = awsErrorName(error);
  if (TRANSIENT_NAMES.has(name)) return true;
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  return name !== 'UnrecognizedResponse' && typeof status === 'number' && status >= 500;
}

/** True when the caller lacks permission for the call. */
export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED_NAMES.has(awsErrorName(error));
}

/** True when `error` carries one of `names` as its AWS error code. */
export function hasAwsErrorName(error: unknown, names: readonly string[]): boolean {
  return names.includes(awsErrorName(error));
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
