import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { bucket, denyInsecureTransport, policyDocument } from '../../../test/fixtures/resources';
import type { PolicyDocument, PolicyStatement } from '../../model/policy';
import check from './s3_bucket_secure_transport_policy';

const DENY_HTTP: PolicyStatement = {
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: 'arn:aws:s3:::data/*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

function scan(policy: PolicyDocument | null) {
  return runCheck(
    check,
    inventoryOf({
      global: { buckets: [bucket('data', 'eu-west-1')], bucketPolicies: { data: fetched(policy) } },
    }),
  );
}

describe('s3_bucket_secure_transport_policy', () => {
  test('passes a bucket whose policy denies every request without TLS, naming the statement', () => {
    const findings = scan(policyDocument(DENY_HTTP));
    expect(verdicts(findings)).toEqual([['PASS', 'data']]);
    expect(findings[0]).toMatchObject({ region: 'eu-west-1', resourceArn: 'arn:aws:s3:::data' });
    expect(findings[0]?.message).toBe(
      'Bucket data has a policy that denies every request made without TLS (statement DenyHttp).',
    );
  });

  test('passes the usual statement on the bucket and its objects', () => {
    expect(verdicts(scan(denyInsecureTransport('data')))).toEqual([['PASS', 'data']]);
  });

  test.each<[string, Partial<PolicyStatement>]>([
    ['Principal {"AWS": "*"}', { Principal: { AWS: '*' } }],
    ['Principal {"AWS": ["*"]}', { Principal: { AWS: ['*'] } }],
    ['Action "*"', { Action: '*' }],
    ['Action "S3:*" in another case', { Action: 'S3:*' }],
    ['an Action array holding s3:*', { Action: ['s3:GetObject', 's3:*'] }],
    ['Resource "*"', { Resource: '*' }],
    [
      'a Resource array holding the objects',
      { Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] },
    ],
    ['BoolIfExists', { Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }],
    ['a boolean false', { Condition: { Bool: { 'aws:SecureTransport': false } } }],
    ['a value array', { Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }],
    ['the key spelt in another case', { Condition: { Bool: { 'AWS:securetransport': 'false' } } }],
    ['the value spelt in capitals', { Condition: { Bool: { 'aws:SecureTransport': 'FALSE' } } }],
  ])('passes a deny statement with %s', (_, overrides) => {
    expect(verdicts(scan(policyDocument({ ...DENY_HTTP, ...overrides })))).toEqual([
      ['PASS', 'data'],
    ]);
  });

  test.each<[string, Partial<PolicyStatement>]>([
    ['an Allow effect', { Effect: 'Allow' }],
    ['a single account as principal', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } }],
    ['a service as principal', { Principal: { Service: 'cloudtrail.amazonaws.com' } }],
    ['only s3:GetObject', { Action: 's3:GetObject' }],
    ['only s3:PutObject and s3:GetObject', { Action: ['s3:PutObject', 's3:GetObject'] }],
    ['only the bucket ARN, not its objects', { Resource: 'arn:aws:s3:::data' }],
    ["another bucket's objects", { Resource: 'arn:aws:s3:::other/*' }],
    ['SecureTransport true', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
    [
      'a string operator instead of Bool',
      { Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } },
    ],
    [
      'a further condition that exempts some callers',
      {
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringNotEquals: { 'aws:PrincipalAccount': '123456789012' },
        },
      },
    ],
  ])('fails a deny statement with %s', (_, overrides) => {
    const findings = scan(policyDocument({ ...DENY_HTTP, ...overrides }));
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
    expect(findings[0]?.message).toMatch(
      /no statement that denies every request where aws:SecureTransport is false/,
    );
  });

  test('fails a statement with NotPrincipal instead of Principal', () => {
    const { Principal: _, ...rest } = DENY_HTTP;
    const findings = scan(
      policyDocument({ ...rest, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
  });

  test('fails a policy that denies only old TLS versions, since plain HTTP requests carry no TLS version', () => {
    const findings = scan(
      policyDocument({ ...DENY_HTTP, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
    expect(findings[0]?.message).toMatch(
      /denies old TLS versions \(s3:TlsVersion\) but not plain HTTP: requests without TLS carry no TLS version/,
    );
  });

  test('passes the benchmark alternative of denying s3:* below TLS 1.2 when written IfExists, which also denies plain HTTP', () => {
    const findings = scan(
      policyDocument({
        ...DENY_HTTP,
        Sid: 'TlsFloor',
        Condition: { NumericLessThanIfExists: { 's3:TlsVersion': '1.2' } },
      }),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'data']]);
    expect(findings[0]?.message).toMatch(
      /below TLS 1.2, plain HTTP included \(statement TlsFloor\)/,
    );
  });

  test('fails a TLS floor below 1.2 even when written IfExists', () => {
    const findings = scan(
      policyDocument({
        ...DENY_HTTP,
        Condition: { NumericLessThanIfExists: { 's3:TlsVersion': '1.1' } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
  });

  test('fails a policy that only allows requests over TLS', () => {
    const findings = scan(
      policyDocument({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::data/*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
    expect(findings[0]?.message).toMatch(
      /only allows requests over TLS, which does not stop other grants/,
    );
  });

  test('fails a bucket without a policy', () => {
    const findings = scan(null);
    expect(verdicts(findings)).toEqual([['FAIL', 'data']]);
    expect(findings[0]?.message).toBe(
      'Bucket data has no bucket policy, so it does not deny requests over plain HTTP.',
    );
  });

  test('reports an error for a bucket whose policy could not be read and judges the others', () => {
    const inventory = inventoryOf({
      global: {
        buckets: [bucket('denied'), bucket('data')],
        bucketPolicies: {
          denied: failed('s3:GetBucketPolicy'),
          data: fetched(denyInsecureTransport('data')),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', 'denied'],
      ['PASS', 'data'],
    ]);
    expect(findings[0]?.message).toMatch(
      /Could not evaluate denied: s3:GetBucketPolicy failed in us-east-1 \(AccessDenied/,
    );
  });

  test('is not applicable in an account without buckets', () => {
    const findings = runCheck(check, inventoryOf({ global: { buckets: [], bucketPolicies: {} } }));
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]?.message).toBe('Account 123456789012 has no S3 buckets.');
  });
});
