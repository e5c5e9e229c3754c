import { UsageError } from '../../lib/errors';
import { validateCaseId } from './case-id';

describe('validateCaseId', () => {
  test.each([
    'IR-2026-042',
    'case_1',
    'A',
    'x.y',
    '12345678901',
    '1234567890123',
    'IR-123456789012',
  ])('accepts %s', (id) => {
    expect(validateCaseId(id)).toBe(id);
  });

  test.each(['', '-leading', 'has space', 'slash/inside', 'a'.repeat(64), undefined])(
    'rejects %p with the allowed form',
    (id) => {
      expect(() => validateCaseId(id)).toThrow(/letters, digits/);
    },
  );

  test("rejects 12 digits, which a member account's evidence prefix cases/<account>/ uses", () => {
    expect(() => validateCaseId('123456789012')).toThrow(UsageError);
    expect(() => validateCaseId('123456789012')).toThrow(
      /12 digits look like an account id.*add a letter or a separator \(e\.g\. IR-123456789012\)/,
    );
  });
});
