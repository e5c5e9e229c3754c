import { isRecord } from './is-record';

describe('isRecord', () => {
  test.each([
    [{}, true],
    [{ a: 1 }, true],
    [null, false],
    [[], false],
    ['text', false],
    [undefined, false],
  ])('tells whether %p is a JSON object', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});
