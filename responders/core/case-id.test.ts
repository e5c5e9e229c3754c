import { validateCaseId } from './case-id';

describe('validateCaseId', () => {
  test.each(['IR-2026-042', 'case_1', 'A', 'x.y'])('accepts %s', (id) => {
    expect(validateCaseId(id)).toBe(id);
  });

  test.each(['', '-leading', 'has space', 'slash/inside', 'a'.repeat(64), undefined])(
    'rejects %p with the allowed form',
    (id) => {
      expect(() => validateCaseId(id)).toThrow(/letters, digits/);
    },
  );
});
