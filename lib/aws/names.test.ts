import { UsageError } from '../errors';
import { validateBucketName, validateInstanceProfileName } from './names';

describe('validateBucketName', () => {
  test.each(['pyjamas-evidence-123456789012', 'a.b-c', 'abc'])('accepts %s', (name) => {
    expect(validateBucketName(name, '--evidence-bucket')).toBe(name);
  });

  test.each([
    ['ab', /3 to 63 characters/],
    ['b'.repeat(64), /3 to 63 characters/],
    ['../cases', /may hold only lower-case letters/],
    ['Evidence', /may hold only lower-case letters/],
    ['arn:aws:s3:::evidence', /may hold only/],
    ['-evidence', /start and end with a letter or digit/],
    ['a..b', /two dots in a row/],
    ['192.168.1.10', /IP address/],
    ['xn--evidence', /reserves/],
    ['evidence-s3alias', /reserves/],
  ])('refuses %s: %s', (name, problem) => {
    expect(() => validateBucketName(name, '--evidence-bucket')).toThrow(UsageError);
    expect(() => validateBucketName(name, '--evidence-bucket')).toThrow(problem);
  });
});

describe('validateInstanceProfileName', () => {
  test('accepts an IAM name', () => {
    expect(validateInstanceProfileName('pyjamas-quarantine+1', 'x')).toBe('pyjamas-quarantine+1');
  });

  test.each(['', 'arn:aws:iam::123456789012:instance-profile/q', 'team/q', 'q'.repeat(129)])(
    'refuses %j',
    (name) => {
      expect(() => validateInstanceProfileName(name, '--quarantine-profile')).toThrow(
        /--quarantine-profile .* is not an instance profile name \(1 to 128/,
      );
    },
  );
});
