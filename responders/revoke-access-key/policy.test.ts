import {
  coverage,
  decodePolicyDocument,
  fitsInline,
  inlineRevocationTime,
  managedRevocationPolicyArn,
  policySize,
  revocationDocument,
  revocationTimeAt,
  revocationTimeOf,
  USER_INLINE_POLICY_LIMIT,
} from './policy';

describe('revocationTimeAt', () => {
  test('reaches five minutes past the plan, in whole seconds, ISO 8601 with Z', () => {
    expect(revocationTimeAt(new Date('2026-06-01T12:00:00.000Z'))).toBe('2026-06-01T12:05:00Z');
  });

  test('rounds a fraction of a second up, never down', () => {
    expect(revocationTimeAt(new Date('2026-06-01T12:00:00.001Z'))).toBe('2026-06-01T12:05:01Z');
  });
});

describe('revocationDocument', () => {
  test('denies everything to sessions issued before the time', () => {
    expect(JSON.parse(revocationDocument('2026-06-01T12:05:00Z'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PyjamasRevokeOlderSessions',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-06-01T12:05:00Z' } },
        },
      ],
    });
  });
});

describe('revocationTimeOf', () => {
  const fromConsole = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-02T03:04:05.678Z' } },
      },
    ],
  });
  const single = JSON.stringify({
    Statement: {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { DateLessThan: { 'AWS:TokenIssueTime': ['2026-01-01T00:00:00Z'] } },
    },
  });

  test.each([
    ['ours', revocationDocument('2026-06-01T12:05:00Z'), '2026-06-01T12:05:00Z'],
    ["the IAM console's", fromConsole, '2026-01-02T03:04:05.678Z'],
    ['a single statement with a list value and other key case', single, '2026-01-01T00:00:00Z'],
  ])('reads the time of %s revocation', (_, document, time) => {
    expect(revocationTimeOf(document)).toBe(time);
  });

  test.each([
    [
      'an allow',
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } },
          },
        ],
      }),
    ],
    [
      'a deny of some actions only',
      JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            Action: 's3:*',
            Resource: '*',
            Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } },
          },
        ],
      }),
    ],
    [
      'a deny without the condition',
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    ],
    ['a date that is no date', revocationDocument('soon')],
    ['text that is not JSON', 'not json'],
  ])('finds no revocation in %s', (_, document) => {
    expect(revocationTimeOf(document)).toBeUndefined();
  });
});

describe('coverage', () => {
  const existing = '2026-06-01T12:05:00Z';
  test.each([
    ['the key never minted anything', { at: null, precisionMs: 60_000 }, 'covers'],
    [
      'nobody can tell when the key was last used',
      { at: undefined, precisionMs: 60_000 },
      'unknown',
    ],
    [
      'the last use, to the minute, ends before the time',
      { at: '2026-06-01T12:04:00.000Z', precisionMs: 60_000 },
      'covers',
    ],
    [
      'the last use, to the minute, may reach past the time',
      { at: '2026-06-01T12:04:30.000Z', precisionMs: 60_000 },
      'stale',
    ],
    [
      'the first event, to the second, is before the time',
      { at: '2026-06-01T12:04:59.000Z', precisionMs: 1000 },
      'covers',
    ],
    [
      'the key was used after the time',
      { at: '2026-06-02T00:00:00.000Z', precisionMs: 60_000 },
      'stale',
    ],
  ])('when %s: %s', (_, newest, verdict) => {
    expect(coverage(existing, newest)).toBe(verdict);
  });
});

describe('policy sizes', () => {
  test('counts no white space, as IAM does', () => {
    expect(policySize('{ "a" :\n\t"b c" }')).toBe('{"a":"bc"}'.length);
  });

  test('the revocation fits beside other inline policies up to the limit, its own old copy not counted', () => {
    const own = revocationDocument('2026-06-01T12:05:00Z');
    const room = USER_INLINE_POLICY_LIMIT - policySize(own);
    expect(fitsInline([{ name: 'a', size: room }], USER_INLINE_POLICY_LIMIT)).toEqual({
      fits: true,
      used: room,
    });
    expect(fitsInline([{ name: 'a', size: room + 1 }], USER_INLINE_POLICY_LIMIT).fits).toBe(false);
    expect(
      fitsInline([{ name: 'pyjamas-revoke-older-sessions', size: 2000 }], USER_INLINE_POLICY_LIMIT),
    ).toEqual({ fits: true, used: 0 });
  });
});

describe('inlineRevocationTime', () => {
  test('takes the latest revocation among the named policies and ignores others', () => {
    const policies = [
      { name: 'AWSRevokeOlderSessions', document: revocationDocument('2026-01-01T00:00:00Z') },
      {
        name: 'pyjamas-revoke-older-sessions',
        document: revocationDocument('2026-03-01T00:00:00Z'),
      },
      { name: 'something-else', document: revocationDocument('2026-12-01T00:00:00Z') },
    ];
    expect(
      inlineRevocationTime(policies, ['pyjamas-revoke-older-sessions', 'AWSRevokeOlderSessions']),
    ).toEqual({
      name: 'pyjamas-revoke-older-sessions',
      time: '2026-03-01T00:00:00Z',
    });
  });
});

describe('names and encodings', () => {
  test('the managed fallback policy has a fixed ARN under /pyjamas/', () => {
    expect(managedRevocationPolicyArn('aws', '123456789012', 'alice')).toBe(
      'arn:aws:iam::123456789012:policy/pyjamas/pyjamas-revoke-older-sessions-alice',
    );
  });

  test('decodes URL-encoded documents and leaves undecodable text as it is', () => {
    expect(decodePolicyDocument('%7B%22a%22%3A1%7D')).toBe('{"a":1}');
    expect(decodePolicyDocument('100%')).toBe('100%');
  });
});
