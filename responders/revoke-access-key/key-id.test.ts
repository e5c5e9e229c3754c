import { UsageError } from '../../lib/errors';
import { isTemporaryKey, validateAccessKeyId } from './key-id';

describe('validateAccessKeyId', () => {
  test.each(['AKIAIOSFODNN7EXAMPLE', 'ASIAZZZZZZZZZZZZ2345'])('accepts %s', (id) => {
    expect(validateAccessKeyId(id)).toBe(id);
  });

  test.each([
    ['lower case', 'akiaiosfodnn7example', /AKIA \(long-term\) or ASIA \(temporary\)/],
    ['too short', 'AKIAIOSFODNN7EXAMPL', /16 upper-case letters or digits/],
    ['too long', 'AKIAIOSFODNN7EXAMPLEX', /is not valid/],
    ['another prefix', 'ABIAIOSFODNN7EXAMPLE', /is not valid/],
    ['a user id', 'AIDAIOSFODNN7EXAMPLE', /looks like an IAM user id/],
    ['a role id', 'AROAIOSFODNN7EXAMPLE', /looks like an IAM role id/],
    ['punctuation', 'AKIA-OSFODNN7EXAMPLE', /is not valid/],
    ['nothing', undefined, /access key id "" is not valid/],
  ])('rejects %s with a message naming the expected form', (_, value, message) => {
    expect(() => validateAccessKeyId(value)).toThrow(UsageError);
    expect(() => validateAccessKeyId(value)).toThrow(message);
  });
});

describe('isTemporaryKey', () => {
  test('tells STS keys from long-term keys by their prefix', () => {
    expect(isTemporaryKey('ASIAZZZZZZZZZZZZ2345')).toBe(true);
    expect(isTemporaryKey('AKIAIOSFODNN7EXAMPLE')).toBe(false);
  });
});
