import {
  awsErrorName,
  describeAwsError,
  hasAwsErrorName,
  isAccessDenied,
  isThrottling,
  isTransient,
  summarizeAwsError,
} from './errors';

const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(`${name} message\nsecond line`), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    ...extra,
  });

describe('AWS error helpers', () => {
  test('read the AWS error code', () => {
    expect(awsErrorName(sdkError('NoSuchEntity', 404))).toBe('NoSuchEntity');
    expect(
      hasAwsErrorName(sdkError('InvalidGroup.Duplicate', 400), ['InvalidGroup.Duplicate']),
    ).toBe(true);
    expect(awsErrorName('text')).toBe('UnknownError');
  });

  test('name a non-AWS answer from an endpoint that does not implement the operation', () => {
    const unparseable = sdkError('SyntaxError', 500);
    unparseable.message =
      'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response...';
    expect(summarizeAwsError(unparseable)).toEqual({
      name: 'UnrecognizedResponse',
      message:
        'the endpoint answered HTTP 500 with a body that is not an AWS error document; it probably does not implement this operation',
      httpStatusCode: 500,
      requestId: 'req-1',
    });
    expect(isTransient(unparseable)).toBe(false);
  });

  test('keep only the first line of a message', () => {
    expect(summarizeAwsError(sdkError('AccessDenied', 403)).message).toBe('AccessDenied message');
  });

  test.each([
    ['ThrottlingException', true],
    ['RequestLimitExceeded', true],
    ['SlowDown', true],
    ['AccessDenied', false],
  ])('treat %s as throttling: %s', (name, expected) => {
    expect(isThrottling(sdkError(name, 400))).toBe(expected);
  });

  test('treat SDK-marked throttling, 5xx and network resets as transient', () => {
    expect(isThrottling(sdkError('Whatever', 400, { $retryable: { throttling: true } }))).toBe(
      true,
    );
    expect(isTransient(sdkError('InternalError', 500))).toBe(true);
    expect(isTransient(sdkError('ECONNRESET'))).toBe(true);
    expect(isTransient(sdkError('ValidationError', 400))).toBe(false);
  });

  test.each(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthFailure'])(
    'treat %s as access denied',
    (name) => {
      expect(isAccessDenied(sdkError(name, 403))).toBe(true);
    },
  );
});

describe('AWS errors without an error document', () => {
  const codeless = (status: number) =>
    Object.assign(new Error('UnknownError'), {
      name: 'Unknown',
      $metadata: { httpStatusCode: status, requestId: 'req-2' },
    });

  test('name a 403 without an error code as AccessDenied instead of UnknownError', () => {
    expect(awsErrorName(codeless(403))).toBe('AccessDenied');
    expect(isAccessDenied(codeless(403))).toBe(true);
    expect(summarizeAwsError(codeless(403)).message).toMatch(/bucket policy, a KMS key policy/);
  });

  test('name other statuses after the status', () => {
    expect(awsErrorName(codeless(418))).toBe('Http418');
  });

  test('describe an error with its status and request id', () => {
    expect(describeAwsError(sdkError('NoSuchKey', 404))).toBe(
      'NoSuchKey: NoSuchKey message (HTTP 404, request id req-1)',
    );
  });
});
